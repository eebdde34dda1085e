package model

import (
	"testing"
	"time"
)

// Text pasted from other programs or read from files may hold control
// characters; Normalize strips them from every field, keeping the line
// breaks and tabs of the notes and the address as they were.
func TestNormalizeStripsControls(t *testing.T) {
	c := Client{
		Name:    "Ana\x00 Pop\x1b[31mescu\x07",
		Email:   "ana\x00@example.ro",
		City:    "Iași\r\n",
		Company: "Shop\tSRL\u0085",
		Address: "Str. Lungă 5\r\nap. 3\x00",
		Notes:   "likes\tblue\rcalls\x7f on Mondays\n",
		Phones:  []string{"+40 721\x00 000 111"},
		Tags:    []string{"vip\x00", "\x1b"},
	}
	c.Normalize()
	want := Client{
		Name: "Ana Pop[31mescu", Email: "ana@example.ro", City: "Iași", Company: "Shop SRL",
		Address: "Str. Lungă 5\r\nap. 3", Notes: "likes\tblue\rcalls on Mondays",
	}
	for _, f := range []struct{ field, got, want string }{
		{"name", c.Name, want.Name}, {"email", c.Email, want.Email}, {"city", c.City, want.City},
		{"company", c.Company, want.Company}, {"address", c.Address, want.Address}, {"notes", c.Notes, want.Notes},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
		}
	}
	if len(c.Phones) != 1 || c.Phones[0] != "+40 721 000 111" {
		t.Errorf("phones = %q", c.Phones)
	}
	if len(c.Tags) != 1 || c.Tags[0] != "vip" {
		t.Errorf("tags = %q", c.Tags)
	}
	// A name of nothing but control characters is no name.
	n := Client{Name: "\x00\x00"}
	n.Normalize()
	if ve, ok := AsValidation(n.Validate(time.Now())); !ok || ve.Fields[0].Field != FieldName {
		t.Errorf("a name of NULs passed validation: %v", ve)
	}
}

func FuzzStripControls(f *testing.F) {
	for _, s := range []string{"Ana\x00", "a\r\nb", "\x1b[0m", "Հովհաննես\u0085", ""} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		out := StripControls(s, multiline)
		for _, r := range out {
			if r < 0x20 && !(multiline && (r == '\n' || r == '\r' || r == '\t')) || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("StripControls(%q) = %q keeps %U", s, out, r)
			}
		}
		if StripControls(out, multiline) != out {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}
