package autostart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var testApp = App{
	ID:   "app.clienttracker.desktop",
	Name: "Client Tracker",
	Exe:  "/home/ani/Программы/Client Tracker/clienttracker",
	Args: []string{"--background"},
}

// TestFileMethods writes, reads back and removes the Linux and macOS
// entries in a temporary home, whatever system runs the test.
func TestFileMethods(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    func(dir string) fileMethod
		file string
		want []string
	}{
		{"XDGAutostart", xdgAutostart, "autostart/app.clienttracker.desktop.desktop", []string{
			"[Desktop Entry]\n", "Type=Application\n", "Name=Client Tracker\n",
			`Exec="/home/ani/Программы/Client Tracker/clienttracker" --background` + "\n",
		}},
		{"LaunchAgent", launchAgent, "Library/LaunchAgents/app.clienttracker.desktop.plist", []string{
			"<key>Label</key>\n\t<string>app.clienttracker.desktop</string>",
			"<string>/home/ani/Программы/Client Tracker/clienttracker</string>\n\t\t<string>--background</string>",
			"<key>RunAtLoad</key>\n\t<true/>",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := tt.m(dir)
			if on, err := m.enabled(testApp); err != nil || on {
				t.Fatalf("enabled before = %v, %v; want false", on, err)
			}
			if err := m.enable(testApp); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("enable wrote no %s: %v", tt.file, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("%s lacks %q:\n%s", tt.file, w, data)
				}
			}
			if on, err := m.enabled(testApp); err != nil || !on {
				t.Errorf("enabled after enable = %v, %v; want true", on, err)
			}
			// Enabling again (the program moved) replaces the entry.
			moved := testApp
			moved.Exe = "/opt/clienttracker"
			if err := m.enable(moved); err != nil {
				t.Fatal(err)
			}
			if data, _ := os.ReadFile(path); !strings.Contains(string(data), "/opt/clienttracker") ||
				strings.Contains(string(data), "Программы") {
				t.Errorf("enable again did not replace the entry:\n%s", data)
			}
			if err := m.disable(testApp); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("disable left %s (%v)", tt.file, err)
			}
			// Nothing else was left behind: no temporary files.
			entries, _ := os.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				t.Errorf("left behind: %s", e.Name())
			}
			if err := m.disable(testApp); err != nil {
				t.Errorf("disable with nothing to remove: %v", err)
			}
		})
	}
}

func TestDesktopExec(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"/usr/bin/clienttracker", "--background"}, "/usr/bin/clienttracker --background"},
		{[]string{"/home/a b/ct"}, `"/home/a b/ct"`},
		{[]string{`/home/$x "q"/ct`}, `"/home/\$x \"q\"/ct"`},
		{[]string{"/home/100%/ct"}, "/home/100%%/ct"},
	} {
		if got := desktopExec(tt.args); got != tt.want {
			t.Errorf("desktopExec(%q) = %s, want %s", tt.args, got, tt.want)
		}
	}
}

func TestLaunchAgentEscapes(t *testing.T) {
	a := testApp
	a.Exe = "/Users/ana/Tom & Jerry <shop>/clienttracker"
	got := string(launchAgentPlist(a))
	if !strings.Contains(got, "<string>/Users/ana/Tom &amp; Jerry &lt;shop&gt;/clienttracker</string>") {
		t.Errorf("the path is not escaped:\n%s", got)
	}
}
