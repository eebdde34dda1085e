package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// readOnlyEnv names the book and output folder of TestReadOnlyHelper.
const readOnlyEnv = "CLIENTTRACKER_READONLY_TEST"

// readOnlyBook makes a sample book in a folder, both made read-only
// (0555, 0444) as a copy from a CD is, and returns its path and bytes.
func readOnlyBook(t *testing.T) (string, []byte) {
	t.Helper()
	src := mustDemo(t, "40")
	dir := filepath.Join(t.TempDir(), "cd")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "clients.db")
	if err := os.WriteFile(path, data, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) }) // so the temp folder can go
	return path, data
}

// readOnlyCommands runs every command that only reads on the book at
// path, writing into out, and returns what went wrong, one line each.
func readOnlyCommands(t *testing.T, path, out string) []string {
	var failed []string
	for _, args := range [][]string{
		{"clients", "--db", path},
		{"due", "--db", path},
		{"ladder", "--db", path, "--clients"},
		{"export", "--db", path, "--out", filepath.Join(out, "export")},
		{"backup", "--db", path, "--out", filepath.Join(out, "copy.db")},
		{"check", "--db", path},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || stdout == "" {
			failed = append(failed, args[0]+": exit "+strings.TrimSpace(stderr))
		}
	}
	return failed
}

// TestReadOnlyBook: a book in a read-only folder can be listed, planned,
// exported, backed up and checked, and is left exactly as it was, with no
// -wal or -shm beside it. As root the permission bits are honoured by the
// store's own rule (root could write anyway); the system refusing a
// non-root user is TestReadOnlyBookAsNobody.
func TestReadOnlyBook(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder permission bits")
	}
	path, data := readOnlyBook(t)
	for _, f := range readOnlyCommands(t, path, t.TempDir()) {
		t.Error(f)
	}
	assertUntouched(t, path, data)
	// A command that writes is refused with advice.
	code, _, stderr := runCLI(t, "log", "--db", path, "--client", "1")
	if code != exitUsage || !strings.Contains(stderr, "read-only") {
		t.Errorf("log on a read-only book: exit %d, %q", code, stderr)
	}
}

func assertUntouched(t *testing.T, path string, data []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("the book changed (%v)", err)
	}
	names, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(names) != 1 {
		t.Errorf("the read-only folder holds %d files (%v)", len(names), err)
	}
}

// TestReadOnlyBookAsNobody runs the read-only commands as the user nobody
// (through setpriv, when the tests run as root), for whom the system
// itself refuses every write to the book and its folder: the case that
// gave "attempt to write a readonly database".
func TestReadOnlyBookAsNobody(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getuid() != 0 {
		t.Skip("needs root on Linux to become nobody")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("no setpriv")
	}
	path, data := readOnlyBook(t)
	// nobody must reach the book, run a copy of this test binary and
	// write its output somewhere.
	open := t.TempDir()
	for _, d := range []string{filepath.Dir(filepath.Dir(path)), filepath.Dir(filepath.Dir(filepath.Dir(path))), open, filepath.Dir(open)} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(open, "clienttracker.test")
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(open, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o777); err != nil { // whatever the umask
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups",
		bin, "-test.run=^TestReadOnlyHelper$", "-test.v")
	cmd.Env = append(os.Environ(), readOnlyEnv+"="+path+"\n"+out, "HOME="+out)
	res, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(res), "--- PASS: TestReadOnlyHelper") {
		t.Fatalf("as nobody: %v\n%s", err, res)
	}
	assertUntouched(t, path, data)
}

// TestReadOnlyHelper is what TestReadOnlyBookAsNobody runs as nobody.
func TestReadOnlyHelper(t *testing.T) {
	env := os.Getenv(readOnlyEnv)
	if env == "" {
		t.Skip("run by TestReadOnlyBookAsNobody")
	}
	path, out, _ := strings.Cut(env, "\n")
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Fatal("the book can be opened for writing: not running as another user")
	}
	for _, f := range readOnlyCommands(t, path, out) {
		t.Error(f)
	}
}

// localeEnv marks the run of TestLocaleQuietHelper.
const localeEnv = "CLIENTTRACKER_LOCALE_TEST"

// TestNoLocaleNoise runs a command under the locales cron, scripts and
// services have (C.UTF-8, POSIX.UTF-8, C, none) and checks that nothing
// but the command's own output is printed: no "Error parsing user locale".
func TestNoLocaleNoise(t *testing.T) {
	path := mustDemo(t, "5")
	for _, l := range []string{"C.UTF-8", "POSIX.UTF-8", "C", ""} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleQuietHelper$")
		env := []string{localeEnv + "=" + path, "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
		if l != "" {
			env = append(env, "LANG="+l)
		}
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil || strings.Contains(string(out), "locale") || strings.Contains(string(out), "Fyne error") {
			t.Errorf("LANG=%q: %v\n%s", l, err, out)
		}
	}
}

// TestLocaleQuietHelper is the process TestNoLocaleNoise starts: Fyne has
// already read the locale when it runs; it lists the clients.
func TestLocaleQuietHelper(t *testing.T) {
	path := os.Getenv(localeEnv)
	if path == "" {
		t.Skip("run by TestNoLocaleNoise")
	}
	if code, _, stderr := runCLI(t, "clients", "--db", path); code != 0 {
		t.Fatal(stderr)
	}
}
