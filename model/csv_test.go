package model

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func TestDefaultCSVOptions(t *testing.T) {
	if got, want := DefaultCSVOptions(","), (CSVOptions{Sep: ';', BOM: true, DecimalComma: true}); got != want {
		t.Errorf("DefaultCSVOptions(\",\") = %+v, want %+v", got, want)
	}
	if got, want := DefaultCSVOptions("."), (CSVOptions{Sep: ',', BOM: true}); got != want {
		t.Errorf("DefaultCSVOptions(\".\") = %+v, want %+v", got, want)
	}
}

func TestEscapeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Ioana", "Ioana"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+374 10 12-34-56", "'+374 10 12-34-56"},
		{"-5", "'-5"},
		{"@x", "'@x"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'quoted", "''quoted"},
		{"'", "''"},
		{"a=b", "a=b"},
		{" =1", " =1"},
	}
	for _, tt := range tests {
		if got := EscapeCell(tt.in); got != tt.want {
			t.Errorf("EscapeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := UnescapeCell(EscapeCell(tt.in)); back != tt.in {
			t.Errorf("UnescapeCell(EscapeCell(%q)) = %q", tt.in, back)
		}
	}
}

func TestUnescapeCellLeavesOtherApostrophes(t *testing.T) {
	for _, s := range []string{"'", "'x", "'Ioana", "x'=", ""} {
		if got := UnescapeCell(s); got != s {
			t.Errorf("UnescapeCell(%q) = %q, want it unchanged", s, got)
		}
	}
}

func FuzzCellEscape(f *testing.F) {
	for _, s := range []string{"", "=1+1", "'", "''", "'=", "+", "-", "@", "\t", "\r", "x", "Հովհաննես"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeCell(s)
		if e != "" && strings.ContainsRune("=+-@\t\r", rune(e[0])) {
			t.Fatalf("EscapeCell(%q) = %q starts a formula", s, e)
		}
		if back := UnescapeCell(e); back != s {
			t.Fatalf("UnescapeCell(EscapeCell(%q)) = %q", s, back)
		}
	})
}

func TestCSVWriterBytes(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, CSVOptions{Sep: ';', BOM: true})
	for _, rec := range [][]string{{"name", "amount"}, {"Ana; Maria", "-3,00"}, {"two\r\nlines", "old\rmac"}} {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffname;amount\r\n\"Ana; Maria\";'-3,00\r\n\"two\r\nlines\";\"old\r\nmac\"\r\n"
	if got := b.String(); got != want {
		t.Errorf("written\n%q\nwant\n%q", got, want)
	}
}

func TestCSVWriterNoBOMWhenEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := NewCSVWriter(&b, CSVOptions{BOM: true}).Flush(); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 0 {
		t.Errorf("nothing written, yet output is %q", b.String())
	}
}

func TestCSVRoundTrip(t *testing.T) {
	records := [][]string{
		{"name", "notes", "phones"},
		{"Ana, Maria", `she said "hi"`, "+374 10 12-34-56"},
		{"Հովհաննես Սարգսյան", "first line\nsecond line", "-5"},
		{"ნინო ბერიძე", "🎉👩‍👩‍👧 café", "@x"},
		{"=SUM(A1)", "'quoted", "''"},
		{"'", " leading space", "\ttab"},
		{"", "", "last"},
	}
	for _, sep := range []rune{',', ';', '\t'} {
		for _, bom := range []bool{false, true} {
			t.Run(string(sep)+map[bool]string{true: "BOM", false: "NoBOM"}[bom], func(t *testing.T) {
				var b bytes.Buffer
				w := NewCSVWriter(&b, CSVOptions{Sep: sep, BOM: bom})
				for _, rec := range records {
					if err := w.Write(rec); err != nil {
						t.Fatal(err)
					}
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				tab, err := ReadTable(&b)
				if err != nil {
					t.Fatal(err)
				}
				if tab.Sep != sep {
					t.Errorf("Sep = %q, want %q", tab.Sep, sep)
				}
				wantEnc := map[bool]string{true: EncodingUTF8BOM, false: EncodingUTF8}[bom]
				if tab.Encoding != wantEnc {
					t.Errorf("Encoding = %q, want %q", tab.Encoding, wantEnc)
				}
				got := [][]string{unescapeAll(tab.Header)}
				for _, row := range tab.Rows {
					got = append(got, unescapeAll(row))
				}
				if !reflect.DeepEqual(got, records) {
					t.Errorf("read back\n%q\nwant\n%q", got, records)
				}
			})
		}
	}
}

func unescapeAll(row []string) []string {
	out := make([]string, len(row))
	for i, s := range row {
		out[i] = UnescapeCell(s)
	}
	return out
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		m        Money
		decimals int
		comma    bool
		want     string
	}{
		{123450, 2, false, "1234.50"},
		{123450, 2, true, "1234,50"},
		{-300, 2, false, "-3.00"},
		{5, 2, false, "0.05"},
		{0, 2, true, "0,00"},
		{1500, 0, false, "1500"},
		{1234, 3, true, "1,234"},
		{1234, 7, false, "12.34"},
		{-9223372036854775808, 2, false, "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.m, tt.decimals, tt.comma); got != tt.want {
			t.Errorf("FormatAmount(%d, %d, %v) = %q, want %q", tt.m, tt.decimals, tt.comma, got, tt.want)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		decimals int
		want     Money
		err      error
	}{
		{"Dot", "1234.50", 2, 123450, nil},
		{"Comma", "1234,50", 2, 123450, nil},
		{"OneDecimal", "12.5", 2, 1250, nil},
		{"Whole", "12", 2, 1200, nil},
		{"Negative", "-3.00", 2, -300, nil},
		{"NoMinorUnits", "1500", 0, 1500, nil},
		{"ThreeDecimalsComma", "1,234", 3, 1234, nil},
		{"SingleCommaIsDecimal", "1,234", 2, 0, ErrMoneyDecimals},
		{"GroupedDotsComma", "1.234.567,89", 2, 123456789, nil},
		{"GroupedSpaces", "1 234,50", 2, 123450, nil},
		{"GroupedCommas", "1,234,567", 2, 123456700, nil},
		{"Spaces", "  7.10 ", 2, 710, nil},
		{"Empty", "", 2, 0, ErrMoneySyntax},
		{"Letters", "12a", 2, 0, ErrMoneySyntax},
		{"BadGroups", "1.23.4,5", 2, 0, ErrMoneySyntax},
		{"TwoMinus", "--1", 2, 0, ErrMoneySyntax},
		{"TooLarge", "10000000000000", 2, 0, ErrMoneyTooLarge},
		{"OverMax", "1000000001", 2, 0, ErrMoneyTooLarge},
		{"Escaped", "'-3.00", 2, 0, ErrMoneySyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAmount(tt.in, tt.decimals)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("ParseAmount(%q, %d) = %d, %v; want %d, %v", tt.in, tt.decimals, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestAmountRoundTrip(t *testing.T) {
	for _, decimals := range []int{0, 1, 2, 3} {
		for _, comma := range []bool{false, true} {
			for _, m := range []Money{0, 1, 9, 10, 99, 100, 12345, -1, -12345, 100_000_000} {
				s := FormatAmount(m, decimals, comma)
				back, err := ParseAmount(UnescapeCell(EscapeCell(s)), decimals)
				if err != nil || back != m {
					t.Errorf("FormatAmount(%d, %d, %v) = %q, parsed back %d, %v", m, decimals, comma, s, back, err)
				}
			}
		}
	}
}

// encodeLegacy returns s in a legacy code page, failing if it cannot be encoded.
func encodeLegacy(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func encodeUTF16(t *testing.T, e xunicode.Endianness, bom xunicode.BOMPolicy, s string) []byte {
	t.Helper()
	b, err := xunicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadTableEncodings(t *testing.T) {
	// Windows-1250 has no comma-below Ș ț: Romanian files hold the cedilla forms.
	const ro = "Name,Notes\r\n\"Ştefan Ionescu, Braşov\",ţară\r\n"
	const ru = "Имя;Город\r\nОльга Петрова;Москва\r\n"
	const fr = "Name,City\r\nJosé Müller,Zürich\r\nFrançois,£5 for the sœur\r\n"
	const hy = "Name\tCity\r\nՀովհաննես Սարգսյան\tԵրևան\r\nნინო ბერიძე\tთბილისი\r\n"
	tests := []struct {
		name     string
		data     []byte
		encoding string
		want     string // the decoded text
	}{
		{"UTF8", []byte(hy), EncodingUTF8, hy},
		{"UTF8BOM", append([]byte("\ufeff"), hy...), EncodingUTF8BOM, hy},
		{"ExcelUnicodeText", encodeUTF16(t, xunicode.LittleEndian, xunicode.UseBOM, hy), EncodingUTF16LE, hy},
		{"UTF16BEWithBOM", encodeUTF16(t, xunicode.BigEndian, xunicode.UseBOM, hy), EncodingUTF16BE, hy},
		{"UTF16LENoBOM", encodeUTF16(t, xunicode.LittleEndian, xunicode.IgnoreBOM, fr), EncodingUTF16LE, fr},
		{"UTF16BENoBOM", encodeUTF16(t, xunicode.BigEndian, xunicode.IgnoreBOM, fr), EncodingUTF16BE, fr},
		{"Windows1250Romanian", encodeLegacy(t, charmap.Windows1250, ro), EncodingWindows1250, ro},
		{"Windows1250Polish", encodeLegacy(t, charmap.Windows1250, "Name\nŁukasz Wąsik\n"), EncodingWindows1250, "Name\nŁukasz Wąsik\n"},
		{"Windows1251", encodeLegacy(t, charmap.Windows1251, ru), EncodingWindows1251, ru},
		{"Windows1251Ukrainian", encodeLegacy(t, charmap.Windows1251, "Ім'я\nЇжак Євген\n"), EncodingWindows1251, "Ім'я\nЇжак Євген\n"},
		{"Windows1252", encodeLegacy(t, charmap.Windows1252, fr), EncodingWindows1252, fr},
		{"Windows1252Spanish", encodeLegacy(t, charmap.Windows1252, "Nombre\n¿Qué? Peña, nº 5\n"), EncodingWindows1252, "Nombre\n¿Qué? Peña, nº 5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadTable(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", tab.Encoding, tt.encoding)
			}
			want, err := ReadTable(strings.NewReader(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tab.Header, want.Header) || !reflect.DeepEqual(tab.Rows, want.Rows) {
				t.Errorf("read %q %q, want %q %q", tab.Header, tab.Rows, want.Header, want.Rows)
			}
		})
	}
}

func TestReadTableSeparator(t *testing.T) {
	tests := []struct {
		name string
		in   string
		sep  rune
		head []string
	}{
		{"Comma", "a,b,c;d\n", ',', []string{"a", "b", "c;d"}},
		{"Semicolon", "a;b;c,d\n", ';', []string{"a", "b", "c,d"}},
		{"Tab", "a\tb\tc\n", '\t', []string{"a", "b", "c"}},
		{"TieIsComma", "a,b;c\n", ',', []string{"a", "b;c"}},
		{"QuotedDoNotCount", "\"a;b;c\",d\n", ',', []string{"a;b;c", "d"}},
		{"SingleColumn", "Name\nAna\n", ',', []string{"Name"}},
		{"ExcelSepLine", "sep=;\r\na;b,c\r\n1;2\r\n", ';', []string{"a", "b,c"}},
		{"OnlyHeaderLineCounts", "a;b\n1,2,3,4,5\n", ';', []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadTable(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Sep != tt.sep || !reflect.DeepEqual(tab.Header, tt.head) {
				t.Errorf("Sep %q header %q, want %q %q", tab.Sep, tab.Header, tt.sep, tt.head)
			}
		})
	}
}

func TestReadTableShape(t *testing.T) {
	in := "\ufeff Name , Phone ,\r\n" + // BOM, padded header, trailing empty column
		"Ana\r\n" + // short row
		",,\r\n" + // entirely empty
		"  ,\t, \r\n" + // blank cells only
		"\"Ion\r\nof two lines\",123,,extra\r\n" + // multi-line cell; extra cell widens the table
		"\r\n" +
		"Maria,\"multi\nline\nnote\",\r\n" +
		"Last,1,,,,\r\n" // trailing empty cells do not widen
	tab, err := ReadTable(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Name", "Phone", "", ""}
	wantRows := [][]string{
		{"Ana", "", "", ""},
		{"Ion\nof two lines", "123", "", "extra"},
		{"Maria", "multi\nline\nnote", "", ""},
		{"Last", "1", "", ""},
	}
	if !reflect.DeepEqual(tab.Header, wantHeader) {
		t.Errorf("Header = %q, want %q", tab.Header, wantHeader)
	}
	if !reflect.DeepEqual(tab.Rows, wantRows) {
		t.Errorf("Rows = %q, want %q", tab.Rows, wantRows)
	}
	if want := []int{2, 5, 8, 11}; !reflect.DeepEqual(tab.Lines, want) {
		t.Errorf("Lines = %v, want %v", tab.Lines, want)
	}
}

func TestReadTableClassicMacLineEnds(t *testing.T) {
	tab, err := ReadTable(strings.NewReader("Name,Phone\rAna,123\rIon,456\r"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 2 || tab.Rows[1][0] != "Ion" || tab.Lines[1] != 3 {
		t.Errorf("rows %q lines %v", tab.Rows, tab.Lines)
	}
}

func TestReadTableErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"Empty", nil, ErrEmptyFile},
		{"Blank", []byte(" \r\n\r\n"), ErrEmptyFile},
		{"OnlyBOM", []byte("\ufeff"), ErrEmptyFile},
		{"OnlyUTF16BOM", []byte{0xFF, 0xFE}, ErrEmptyFile},
		{"HeaderWithoutNames", []byte(" , ,\r\nAna,1\r\n"), ErrNoHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTable(bytes.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Message() == "" {
				t.Errorf("%v carries no message for the owner", err)
			}
			if msg := err.Error(); msg != strings.ToLower(msg) {
				t.Errorf("error string %q is not a lower-case fragment", msg)
			}
		})
	}
}

func TestReadLimited(t *testing.T) {
	if _, err := readLimited(strings.NewReader("12345"), 4); !errors.Is(err, ErrFileTooLarge) {
		t.Errorf("5 bytes with a limit of 4: err = %v, want ErrFileTooLarge", err)
	}
	if b, err := readLimited(strings.NewReader("1234"), 4); err != nil || string(b) != "1234" {
		t.Errorf("4 bytes with a limit of 4: %q, %v", b, err)
	}
	boom := errors.New("disk gone")
	if _, err := readLimited(io.MultiReader(strings.NewReader("a"), failingReader{boom}), 4); !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap %v", err, boom)
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func FuzzReadTable(f *testing.F) {
	seeds := []string{
		"", "a", "a,b\n1,2\n", "a;b\r\n\"x\"\"y\";\"multi\nline\"\r\n", "a\tb\n1\t2\t3\t4\n",
		"\ufeffName\n", "\xff\xfeN\x00a\x00m\x00e\x00\n\x00", "N\x00a\x00\n\x00", "\x00N\x00a",
		"sep=;\nx;y\n", "\"unterminated,a\nb", ",,,\n", "x\ry\r", "Ol\xfc,\xe9\n\xc0\xc1\xc2,\xaa\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadTable(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(tab.Rows) != len(tab.Lines) {
			t.Fatalf("%d rows but %d lines", len(tab.Rows), len(tab.Lines))
		}
		for i, row := range tab.Rows {
			if len(row) != len(tab.Header) {
				t.Fatalf("row %d has %d cells, header %d", i, len(row), len(tab.Header))
			}
			if i > 0 && tab.Lines[i] <= tab.Lines[i-1] {
				t.Fatalf("lines not increasing: %v", tab.Lines)
			}
		}
		tab.Clients(GuessMapping(tab.Header), importTestToday)
	})
}

// A file no program writes as a client list is refused before it is
// parsed: a first line too long for a header, or a row of thousands of
// cells (a 50 MB one-line file took 2.45 GB to read).
func TestReadTableRefusesWhatIsNoClientList(t *testing.T) {
	oneLine := strings.Repeat("x1,", 30000)
	wide := "Name,Phone\nAna," + strings.Repeat("1,", 1500) + "\n"
	for name, text := range map[string]string{"one line": oneLine, "long header": oneLine + "\nAna,1\n", "wide row": wide} {
		if _, err := ReadTable(strings.NewReader(text)); !errors.Is(err, ErrNotClientList) {
			t.Errorf("%s: err = %v, want ErrNotClientList", name, err)
		}
	}
	// Outlook's 92 columns are a client list.
	if _, err := ReadTable(strings.NewReader(strings.Repeat("Column,", 91) + "Name\n" + strings.Repeat(",", 91) + "Ana\n")); err != nil {
		t.Errorf("a 92-column file: %v", err)
	}
}
