package main

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// fyneAppDetails returns the key = value pairs of the [Details] table of
// FyneApp.toml, with string quotes removed. The file is flat and written by
// hand, so a line reader is enough.
func fyneAppDetails(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	details := map[string]string{}
	table := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			table = strings.Trim(line, "[]")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || table != "Details" {
			continue
		}
		details[strings.TrimSpace(key)] = strings.Trim(strings.TrimSpace(value), `"`)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return details
}

// TestFyneAppTOML keeps the packaging metadata (read by `fyne package`) in
// step with the constants the binary itself reports and registers with.
func TestFyneAppTOML(t *testing.T) {
	d := fyneAppDetails(t)
	want := map[string]string{"Name": "Client Tracker", "ID": appID, "Version": version}
	for key, w := range want {
		if d[key] != w {
			t.Errorf("FyneApp.toml: Details.%s is %q, want %q (main.go)", key, d[key], w)
		}
	}
	if _, err := os.Stat(d["Icon"]); err != nil {
		t.Errorf("FyneApp.toml: Details.Icon: %v", err)
	}
}
