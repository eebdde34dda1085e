//go:build windows

package autostart

import (
	"errors"
	"testing"

	"golang.org/x/sys/windows/registry"
)

// TestRunKey writes and removes the Run value under a key of the test's
// own, so a run on a real Windows machine leaves its Run key alone. CI
// runs it under Wine (.ci/wine-test.sh).
func TestRunKey(t *testing.T) {
	const path = `Software\ClientTrackerTest\Run`
	t.Cleanup(func() {
		if err := registry.DeleteKey(registry.CURRENT_USER, path); err != nil && !errors.Is(err, registry.ErrNotExist) {
			t.Error(err)
		}
	})
	k := runKey{path: path}
	a := App{ID: "app.clienttracker.desktop", Name: "Client Tracker",
		Exe: `C:\Users\Ани Маркосян\AppData\Local\Programs\ClientTracker\clienttracker.exe`, Args: []string{"--background"}}
	if on, err := k.enabled(a); err != nil || on {
		t.Fatalf("enabled before = %v, %v", on, err)
	}
	if err := k.enable(a); err != nil {
		t.Fatal(err)
	}
	key, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := key.GetStringValue(RunValue)
	key.Close()
	want := `"C:\Users\Ани Маркосян\AppData\Local\Programs\ClientTracker\clienttracker.exe" --background`
	if err != nil || got != want {
		t.Errorf("Run value = %q, %v; want %q", got, err, want)
	}
	if on, err := k.enabled(a); err != nil || !on {
		t.Errorf("enabled = %v, %v", on, err)
	}
	if err := k.disable(a); err != nil {
		t.Fatal(err)
	}
	if on, err := k.enabled(a); err != nil || on {
		t.Errorf("enabled after disable = %v, %v", on, err)
	}
	if err := k.disable(a); err != nil {
		t.Errorf("disable with nothing to remove: %v", err)
	}
}
