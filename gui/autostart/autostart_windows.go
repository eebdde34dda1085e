//go:build windows

package autostart

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows/registry"
)

func native() method { return runKey{path: `Software\Microsoft\Windows\CurrentVersion\Run`} }

// runKey is a value under the per-user Run key, which Windows runs at
// login and lists in Task Manager's Startup apps (where the owner can
// also turn it off).
type runKey struct{ path string }

func (k runKey) enable(a App) error {
	key, _, err := registry.CreateKey(registry.CURRENT_USER, k.path, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer key.Close()
	if err := key.SetStringValue(RunValue, commandLine(append([]string{a.Exe}, a.Args...))); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func (k runKey) disable(App) error {
	key, err := registry.OpenKey(registry.CURRENT_USER, k.path, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer key.Close()
	if err := key.DeleteValue(RunValue); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func (k runKey) enabled(App) (bool, error) {
	key, err := registry.OpenKey(registry.CURRENT_USER, k.path, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	defer key.Close()
	_, _, err = key.GetStringValue(RunValue)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, registry.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("autostart: %w", err)
}

// commandLine quotes each argument with a space in double quotes, as
// Windows splits a command line (paths under "Program Files" or a user
// folder with a space in its name).
func commandLine(args []string) string {
	q := make([]string, len(args))
	for i, s := range args {
		if s == "" || strings.ContainsAny(s, " \t") {
			s = `"` + s + `"`
		}
		q[i] = s
	}
	return strings.Join(q, " ")
}
