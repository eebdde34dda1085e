//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNative goes through the exported functions as the app calls them,
// in a temporary $XDG_CONFIG_HOME.
func TestNative(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	path := filepath.Join(cfg, "autostart", testApp.ID+".desktop")
	if err := Enable(testApp); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Enable wrote no %s: %v", path, err)
	}
	if on, err := Enabled(testApp); err != nil || !on {
		t.Errorf("Enabled = %v, %v", on, err)
	}
	if err := Disable(testApp); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("Disable left %s", path)
	}
	if on, err := Enabled(testApp); err != nil || on {
		t.Errorf("Enabled after Disable = %v, %v", on, err)
	}
}
