package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// bigClientList is a client list of n rows in several alphabets, larger
// than the chunks NewTableReader reads, so that characters and lines
// straddle chunk ends.
func bigClientList(n int) string {
	var b strings.Builder
	b.WriteString("Name,Phone,Email,Notes\r\n")
	names := []string{"Ana Popescu", "Анна Петрова", "Ștefan Țurcanu", "Łukasz Żółć", "Ольга Сидорова"}
	for i := range n {
		fmt.Fprintf(&b, "%s %d,+40 721 %06d,c%d@example.com,\"line one\nline two, ünïcode\"\r\n", names[i%len(names)], i, i, i)
	}
	return b.String()
}

// The rows read one at a time are the rows ReadTable reads, in every
// encoding it recognises, across chunk ends.
func TestTableReaderMatchesReadTable(t *testing.T) {
	text := bigClientList(3000) // about 270 KB: several chunks
	utf16le, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	cyr := strings.NewReplacer("Ș", "S", "ș", "s", "Ț", "T", "ț", "t", "Ł", "L", "Ż", "Z", "ż", "z", "ó", "o", "ł", "l", "ć", "c", "ü", "u", "ï", "i").Replace(text)
	cp1251, err := charmap.Windows1251.NewEncoder().String(cyr)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data, enc string
	}{
		{"UTF8", text, EncodingUTF8},
		{"UTF8BOM", bomUTF8 + text, EncodingUTF8BOM},
		{"UTF16LE", utf16le, EncodingUTF16LE},
		{"UTF16BE", utf16be, EncodingUTF16BE},
		{"Windows1251", cp1251, EncodingWindows1251},
		// Lines that end with CR alone (a file under 64 KB: a longer
		// one has a first line no header has).
		{"ClassicMac", strings.ReplaceAll(strings.ReplaceAll(bigClientList(300), "\r\n", "\r"), "\n", "\r"), EncodingUTF8},
		// Invalid UTF-8 only at the very end: the whole file is read
		// before the encoding is known.
		{"LateCodePage", text + "Ol\xe9,1,,\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := ReadTable(strings.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if tt.enc != "" && want.Encoding != tt.enc {
				t.Errorf("encoding %s, want %s", want.Encoding, tt.enc)
			}
			tr, err := NewTableReader(strings.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if tr.Encoding != want.Encoding || tr.Sep != want.Sep || !reflect.DeepEqual(tr.Header, want.Header) {
				t.Fatalf("header %q %s %q, want %q %s %q", tr.Header, tr.Encoding, tr.Sep, want.Header, want.Encoding, want.Sep)
			}
			var got []ImportRow
			for r, err := range tr.Clients(GuessMapping(tr.Header), importTestToday) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, r)
			}
			wantRows := want.Clients(GuessMapping(want.Header), importTestToday)
			if len(got) != len(wantRows) {
				t.Fatalf("%d rows, want %d", len(got), len(wantRows))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], wantRows[i]) {
					t.Fatalf("row %d:\n got %+v\nwant %+v", i, got[i], wantRows[i])
				}
			}
		})
	}
}

// A reading error in the middle of the file stops the rows with it, after
// the rows before it.
func TestTableReaderStopsAtAWideRow(t *testing.T) {
	text := "Name,Phone\n" + strings.Repeat("Ana,1\n", 5000) + "Ion," + strings.Repeat("1,", 1500) + "\n" + "Eva,2\n"
	tr, err := NewTableReader(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var last error
	for r, err := range tr.Clients(GuessMapping(tr.Header), importTestToday) {
		if err != nil {
			last = err
			break
		}
		if r.Client.Name != "Ana" {
			t.Fatalf("row %d is %q", n, r.Client.Name)
		}
		n++
	}
	if n != 5000 || !errors.Is(last, ErrNotClientList) {
		t.Errorf("%d rows, then %v; want 5000 and ErrNotClientList", n, last)
	}
}

// A caller that stops early leaves no goroutine reading on.
func TestTableReaderStopEarly(t *testing.T) {
	tr, err := NewTableReader(strings.NewReader(bigClientList(10000)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range tr.Clients(GuessMapping(tr.Header), importTestToday) {
		if n++; n == 10 {
			break
		}
	}
	if n != 10 {
		t.Errorf("read %d rows", n)
	}
}

// A one-line file far larger than a header is refused after the first
// chunks, not read whole.
func TestTableReaderRefusesEarly(t *testing.T) {
	r := &countingReader{r: bytes.NewReader(bytes.Repeat([]byte("x1,"), 10<<20))}
	if _, err := NewTableReader(r); !errors.Is(err, ErrNotClientList) {
		t.Fatalf("err = %v, want ErrNotClientList", err)
	}
	if r.n > 2*maxHeaderBytes+readChunk {
		t.Errorf("read %d bytes of a 30 MB line before refusing it", r.n)
	}
}

type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingReader) Seek(off int64, whence int) (int64, error) { return c.r.Seek(off, whence) }

var _ io.ReadSeeker = (*countingReader)(nil)
