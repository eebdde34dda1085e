package autostart

import (
	"path/filepath"
	"testing"
)

func TestIsUnder(t *testing.T) {
	tmp := filepath.FromSlash("/tmp")
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/tmp/go-build123/b001/exe/clienttracker", true},
		{"/tmp", true},
		{"/tmpfoo/clienttracker", false},
		{"/opt/clienttracker", false},
		{"/tmp/../opt/clienttracker", false},
	} {
		if got := isUnder(filepath.FromSlash(tt.path), tmp); got != tt.want {
			t.Errorf("isUnder(%s, /tmp) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
