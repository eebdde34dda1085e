//go:build !windows

package db

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"clienttracker/model"
)

// exportKillEnv names the database and folder the helper exports from and to.
const exportKillEnv = "CLIENTTRACKER_EXPORT_KILL_TEST"

// TestExportKilledLeavesNothing kills a process in the middle of an export
// (its temporary files written, not yet renamed): while it lives, another
// start and export leave its files alone; once it is dead, the next
// export, start or backup removes them, and only them.
func TestExportKilledLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	db := mustOpenPath(t, path)
	mustSample(t, db, 3000)
	out := filepath.Join(dir, "export")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(out, "notes.tmp") // the owner's own file
	if err := os.WriteFile(mine, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestExportKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), exportKillEnv+"="+path+"\n"+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	paused := false
	for sc.Scan() {
		if sc.Text() == "paused" {
			paused = true
			break
		}
	}
	if !paused {
		_ = cmd.Wait()
		t.Fatal("the helper ended before it paused")
	}
	leftovers := func() []string {
		var names []string
		for _, n := range dirNames(t, out) {
			if isLeftover(n) {
				names = append(names, n)
			}
		}
		return names
	}
	live := leftovers()
	if len(live) == 0 {
		t.Fatal("the paused export has no temporary files")
	}
	// Another export into the same folder while the first one lives.
	other := filepath.Join(dir, "other.db")
	mustSample(t, mustOpenPath(t, other), 10)
	if _, err := OpenReadOnly(ctx, other); err != nil {
		t.Fatal(err)
	}
	removeLeftovers(out)
	if got := leftovers(); !slices.Equal(got, live) {
		t.Errorf("a live export's files were touched: %q, want %q", got, live)
	}

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	mustExport(t, db, ExportOptions{CSV: model.DefaultCSVOptions(".")}) // into a new folder: out is untouched
	if got := leftovers(); len(got) == 0 {
		t.Fatal("an export elsewhere removed files in another folder")
	}
	if _, err := db.Export(ctx, out, ExportOptions{CSV: model.DefaultCSVOptions(".")}, nil); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(); len(got) > 0 {
		t.Errorf("after the next export, %q are left", got)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the owner's notes.tmp was removed: %v", err)
	}
}

// TestExportKillHelper is the process TestExportKilledLeavesNothing kills:
// it exports, and pauses for good at a progress report after 1,000 rows,
// with tables written under temporary names and nothing renamed yet.
func TestExportKillHelper(t *testing.T) {
	env := os.Getenv(exportKillEnv)
	if env == "" {
		t.Skip("run by TestExportKilledLeavesNothing")
	}
	path, out, _ := strings.Cut(env, "\n")
	db, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Export(context.Background(), out, ExportOptions{CSV: model.DefaultCSVOptions(".")}, func(done, total int) {
		if done >= 1000 && done < total {
			fmt.Println("paused")
			time.Sleep(time.Hour)
		}
	})
	t.Fatalf("the export should have been killed; it ended with %v", err)
}

// TestLeftoversRemovedAtStartAndBackup: what a killed backup or restore
// leaves (under this version's names and the .tmp names of earlier ones)
// goes at the next start and the next backup into that folder; files that
// are not the store's stay.
func TestLeftoversRemovedAtStartAndBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "clients.db")
	backups := filepath.Join(dir, "backups")
	elsewhere := filepath.Join(dir, "usb")
	for _, d := range []string{backups, elsewhere} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(names ...string) {
		for _, n := range names {
			if err := os.WriteFile(n, []byte("client data"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	left := []string{
		filepath.Join(dir, ".clients.db-restore-20261120-101010.000000001"+tempExt),
		filepath.Join(dir, ".clients.db-restore-20261120-101010.000000001.tmp"),
		filepath.Join(backups, ".clients-2026-11-20.db-123"+tempExt),
		filepath.Join(backups, ".clients-2026-11-20.db-456.tmp"),
		filepath.Join(backups, ".clients-2026-11-21.db-now.tmp"),
	}
	kept := []string{filepath.Join(dir, "todo.tmp"), filepath.Join(dir, ".hidden.tmp"), filepath.Join(backups, "clients-2026-11-19.db")}
	write(append(left, kept...)...)
	db := mustOpenPath(t, path)
	for _, n := range left {
		if _, err := os.Stat(n); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there after the start (%v)", filepath.Base(n), err)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(n); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(n), err)
		}
	}

	stale := filepath.Join(elsewhere, ".copy.db-789"+tempExt)
	write(stale)
	if err := db.Backup(ctx, filepath.Join(elsewhere, "copy.db")); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, elsewhere); !slices.Equal(names, []string{"copy.db"}) {
		t.Errorf("after a backup the folder holds %q", names)
	}
}

// TestFilesArePrivate: with a umask that would let everyone read, the
// book, its -wal and -shm, its folder, backups and exports are the
// owner's alone.
func TestFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "new", "ClientTracker")
	path := filepath.Join(dir, "clients.db")
	db := mustOpenPath(t, path)
	mustSample(t, db, 20)
	backup, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := mustExport(t, db, ExportOptions{CSV: model.DefaultCSVOptions(".")})
	want := map[string]fs.FileMode{
		dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600,
		filepath.Dir(backup): 0o700, backup: 0o600,
		filepath.Join(out, "clients.csv"): 0o600,
	}
	for p, mode := range want {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s is %o, want %o", strings.TrimPrefix(p, dir), got, mode)
		}
	}
}

func TestIsLeftover(t *testing.T) {
	for name, want := range map[string]bool{
		".clients-2026-11-20.db-123" + tempExt:              true,
		".clients-4242.csv" + tempExt:                       true,
		".clients-2026-11-20.db-123.tmp":                    true,
		".clients-2026-11-21.db-now.tmp":                    true,
		".clients.db-restore-20261120-101010.000000001.tmp": true,
		".clients-456.csv.tmp":                              true,
		".purchases-9.csv.tmp":                              true,
		"clients-2026-11-20.db-123.tmp":                     false, // not hidden
		".hidden.tmp":                                       false,
		".foo.db-journal.tmp":                               false,
		".notes-12.csv.tmp":                                 false, // not an exported table
		".clients-x.csv.tmp":                                false,
		".clients.db-restore-yesterday.tmp":                 false,
		".clients-2026-11-20.db-123.tmp.bak":                false,
	} {
		if got := isLeftover(name); got != want {
			t.Errorf("isLeftover(%q) = %v, want %v", name, got, want)
		}
	}
}
