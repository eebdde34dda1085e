package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"clienttracker/db"
	"clienttracker/model"
)

// runRestore is the command-line twin of File › Restore from backup…: it
// puts a backup copy in place of the book, keeping the replaced file next
// to it. It takes the window's lock, so it never pulls a file from under
// an open window.
func runRestore(args []string, stdout io.Writer) error {
	fs := newFlags("restore", "clienttracker restore --db FILE --from BACKUP", stdout)
	path := fs.String("db", "", "database `FILE` to replace")
	from := fs.String("from", "", "the `BACKUP` copy to put in its place")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *path == "" || *from == "" {
		return usageError{"restore: --db FILE and --from BACKUP are required"}
	}
	unlock, err := db.Lock(*path)
	if err != nil {
		return describeOpenError(*path, err)
	}
	defer unlock()
	kept, err := db.Restore(context.Background(), *from, *path)
	switch {
	case errors.Is(err, db.ErrDamaged):
		return fmt.Errorf("restore: %s cannot be used: %w; nothing was changed. Choose an older backup", *from, err)
	case err != nil:
		return fmt.Errorf("%w; nothing was changed", err)
	}
	fmt.Fprintf(stdout, "restored %s from %s\n", *path, *from)
	if kept != "" {
		fmt.Fprintf(stdout, "the file it replaced is kept as %s\n", kept)
	}
	return nil
}

// damagedAdvice says what to do with a book that is empty or cut short:
// restore the newest good backup, with the command that does it.
func damagedAdvice(path string) string {
	latest, err := db.LatestBackup(path)
	if err != nil || latest == nil {
		dir := filepath.Join(filepath.Dir(path), "backups")
		return fmt.Sprintf("No backup copy of it was found in %s. Look for a copy elsewhere (a sync folder's history, another computer); if the book was new and held nothing, delete the file to start again.", dir)
	}
	return fmt.Sprintf("The newest good backup is %s, of %s. To put it in place (the damaged file is kept beside it), run:\n  clienttracker restore --db %s --from %s",
		latest.Path, model.FormatDate(latest.Day), shellQuote(path), shellQuote(latest.Path))
}

// shellQuote quotes s for a POSIX shell or cmd.exe when it needs it.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '/' || r == '\\' || r == '.' || r == '-' || r == '_' || r == ':') {
			return `"` + s + `"`
		}
	}
	return s
}
