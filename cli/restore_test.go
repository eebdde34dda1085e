package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmptyBookRefusedEverywhere leaves a book of 0 bytes where a failed
// sync would, next to a folder of good backups, and runs every command on
// it: each refuses, changes nothing, names the newest good backup and the
// command that restores it; that command then brings the clients back.
func TestEmptyBookRefusedEverywhere(t *testing.T) {
	path := mustDemo(t, "30")
	dir := filepath.Dir(path)
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(backups, "shop-2026-11-20.db")
	if code, _, errOut := runCLI(t, "backup", "--db", path, "--out", good); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	// A newer copy that is itself empty is passed over.
	if err := os.WriteFile(filepath.Join(backups, "shop-2026-11-21.db"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + s); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	commands := [][]string{
		{"clients", "--db", path},
		{"due", "--db", path},
		{"ladder", "--db", path},
		{"export", "--db", path, "--out", out},
		{"backup", "--db", path, "--out", filepath.Join(t.TempDir(), "copy.db")},
		{"check", "--db", path},
		{"log", "--db", path, "--client", "1"},
		{"import", "--db", path, filepath.Join("..", "testdata", "import", "google.csv")},
		{"demo", "--db", path, "--clients", "5"},
	}
	var restore string
	for _, args := range commands {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitUsage || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit 2 and nothing printed", args[0], code, stdout)
		}
		if !strings.Contains(stderr, "is empty (0 bytes)") || !strings.Contains(stderr, "nothing was changed") {
			t.Errorf("%s: says %q", args[0], stderr)
		}
		_, cmd, ok := strings.Cut(stderr, "run:\n  ")
		if !ok || !strings.Contains(cmd, good) {
			t.Errorf("%s: names no restore command from %s: %q", args[0], good, stderr)
		}
		restore = strings.TrimSpace(cmd)
		if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
			t.Fatalf("%s changed the file: %v", args[0], err)
		}
	}
	// Run the command as printed (no quoting needed in a temp path).
	fields := strings.Fields(restore)
	if len(fields) < 2 || fields[0] != "clienttracker" {
		t.Fatalf("restore command %q", restore)
	}
	if code, stdout, stderr := runCLI(t, fields[1:]...); code != 0 || !strings.Contains(stdout, "kept as") {
		t.Fatalf("%s: exit %d: %s%s", restore, code, stdout, stderr)
	}
	code, stdout, stderr := runCLI(t, "clients", "--db", path)
	if lines := strings.Count(stdout, "\n"); code != 0 || lines != 31 {
		t.Errorf("after restore: exit %d, %d lines: %s", code, lines, stderr)
	}
}

// TestTruncatedBookNamesRestore: a book cut short gets the restore advice,
// not "move this one away".
func TestTruncatedBookNamesRestore(t *testing.T) {
	path := mustDemo(t, "200")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "clients", "--db", path)
	if code != exitUsage || !strings.Contains(stderr, "cut short") || strings.Contains(stderr, "move this one away") ||
		!strings.Contains(stderr, "No backup copy of it was found") {
		t.Errorf("exit %d: %q", code, stderr)
	}
}
