package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// CSV files are how a shop owner's data meets spreadsheets: Excel and
// LibreOffice in every locale, Google Contacts, Thunderbird. This file holds
// the pure codec: writing cells that cannot run as formulas, and reading back
// whatever encoding and separator the spreadsheet chose.

// CSVOptions says how a CSV file is written.
type CSVOptions struct {
	Sep          rune // ',', ';' or '\t'; 0 means ','
	BOM          bool // start with a UTF-8 byte order mark, so Excel reads UTF-8
	DecimalComma bool // write amounts as "12,50"
}

// DefaultCSVOptions returns the options that open cleanly in the owner's
// spreadsheet: where the decimal separator is a comma, Excel expects ';'
// between cells, because ',' is part of the numbers.
func DefaultCSVOptions(decimalSep string) CSVOptions {
	if decimalSep == "," {
		return CSVOptions{Sep: ';', BOM: true, DecimalComma: true}
	}
	return CSVOptions{Sep: ',', BOM: true}
}

// CSVWriter writes records as CSV with CRLF line ends, as Excel writes them,
// neutralising every cell that a spreadsheet could run as a formula.
type CSVWriter struct {
	w       io.Writer
	cw      *csv.Writer
	bom     bool
	started bool
}

// NewCSVWriter returns a writer of CSV to w. Call Flush when done.
func NewCSVWriter(w io.Writer, o CSVOptions) *CSVWriter {
	cw := csv.NewWriter(w)
	if o.Sep != 0 {
		cw.Comma = o.Sep
	}
	cw.UseCRLF = true
	return &CSVWriter{w: w, cw: cw, bom: o.BOM}
}

// Write writes one record, escaping each cell with EscapeCell. Line breaks
// inside a cell are kept; a lone carriage return becomes a line break,
// because encoding/csv would otherwise drop it and glue two lines together.
func (w *CSVWriter) Write(record []string) error {
	if !w.started {
		w.started = true
		if w.bom {
			// Nothing is buffered yet, so the mark goes out first.
			if _, err := io.WriteString(w.w, "\ufeff"); err != nil {
				return fmt.Errorf("write csv byte order mark: %w", err)
			}
		}
	}
	cells := make([]string, len(record))
	for i, s := range record {
		cells[i] = EscapeCell(normalizeBreaks(s))
	}
	if err := w.cw.Write(cells); err != nil {
		return fmt.Errorf("write csv record: %w", err)
	}
	return nil
}

// Flush writes any buffered data to the underlying writer and reports any
// error from this or an earlier Write.
func (w *CSVWriter) Flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return fmt.Errorf("flush csv: %w", err)
	}
	return nil
}

func normalizeBreaks(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// formulaStart reports whether a spreadsheet may treat a cell starting with
// b as a formula (OWASP "CSV injection"), or whether b is the apostrophe we
// add, which must itself be escaped so the escape can be undone exactly.
func formulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return true
	}
	return false
}

// EscapeCell prefixes s with an apostrophe when a spreadsheet could run it
// as a formula (it starts with = + - @ tab or CR) or when it starts with an
// apostrophe. Excel and LibreOffice show the apostrophe but never evaluate
// the cell; UnescapeCell undoes it exactly.
func EscapeCell(s string) string {
	if s != "" && formulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// UnescapeCell removes the apostrophe EscapeCell added: exactly one leading
// apostrophe, and only when the rest starts with = + - @ tab, CR or another
// apostrophe. Apply it only to files this program wrote: in someone else's
// spreadsheet, a leading apostrophe is data.
func UnescapeCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && formulaStart(s[1]) {
		return s[1:]
	}
	return s
}

// FormatAmount writes an amount for a data file: no grouping and no symbol,
// a '.' or (with decimalComma) ',' before decimals minor digits, e.g.
// "1234.50" or "-3,00". decimals outside 0–3 means 2, as in MoneyFormat.
func FormatAmount(m Money, decimals int, decimalComma bool) string {
	f := MoneyFormat{Decimals: decimals}
	n, u := f.decimals(), uint64(f.unit())
	v := uint64(m)
	if m < 0 {
		v = uint64(-(m + 1)) + 1 // also right for the smallest int64
	}
	var b strings.Builder
	if m < 0 {
		b.WriteByte('-')
	}
	b.WriteString(itoaU(v / u))
	if n > 0 {
		if decimalComma {
			b.WriteByte(',')
		} else {
			b.WriteByte('.')
		}
		s := itoaU(v % u)
		b.WriteString(strings.Repeat("0", n-len(s)) + s)
	}
	return b.String()
}

func itoaU(v uint64) string {
	if v <= 1<<62 {
		return itoa(int64(v))
	}
	return itoa(int64(v/10)) + itoa(int64(v%10))
}

// ParseAmount reads an amount from a data file, with '.' or ',' as the
// decimal separator. A single separator is always the decimal one (a file
// written by FormatAmount has no grouping); spaces, or the other separator
// in valid groups of three ("1.234,50", "1 234.50"), are read as grouping.
// A leading '-' is accepted: whether a negative amount makes sense is for
// the caller's Validate. An empty cell is ErrMoneySyntax, because a data
// file that leaves out an amount is missing something rather than saying
// zero.
func ParseAmount(s string, decimals int) (Money, error) {
	f := MoneyFormat{Decimals: decimals}
	s = strings.TrimSpace(s)
	s, neg := strings.CutPrefix(s, "-")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
			return -1
		}
		return r
	}, s)
	intPart, frac, ok := splitAmount(s)
	if !ok {
		return 0, ErrMoneySyntax
	}
	m, err := minorUnits(intPart, frac, f)
	if neg {
		m = -m
	}
	return m, err
}

// splitAmount splits s at its decimal separator and removes grouping.
func splitAmount(s string) (intPart, frac string, ok bool) {
	dec := strings.LastIndexAny(s, ".,")
	if dec < 0 {
		return s, "", true
	}
	sep, other := s[dec], byte(',')
	if sep == ',' {
		other = '.'
	}
	if strings.Count(s, string(sep)) > 1 { // "1.234.567": grouping only
		if strings.IndexByte(s, other) >= 0 || !digitGroups(s, sep) {
			return "", "", false
		}
		return strings.ReplaceAll(s, string(sep), ""), "", true
	}
	head := s[:dec]
	if strings.IndexByte(head, other) >= 0 {
		if !digitGroups(head, other) {
			return "", "", false
		}
		head = strings.ReplaceAll(head, string(other), "")
	}
	return head, s[dec+1:], true
}

// ImportError is why a whole file could not be read, as opposed to a
// problem with one of its rows.
type ImportError struct {
	reason  string
	message string
}

// Error returns the reason as a lower-case fragment, for logs.
func (e *ImportError) Error() string { return e.reason }

// Message is a sentence that tells the owner what happened and what to do;
// it is also the translation key.
func (e *ImportError) Message() string { return e.message }

// MaxImportBytes is the largest file ReadTable and ReadVCards accept. A
// client book of a hundred thousand clients is a few tens of megabytes; a
// larger file is the wrong file, and reading it would only exhaust memory.
const MaxImportBytes = 200 << 20

// Errors returned by ReadTable and ReadVCards.
var (
	ErrEmptyFile    = &ImportError{"file is empty", "The file is empty. Choose the file you exported from your contacts or spreadsheet."}
	ErrFileTooLarge = &ImportError{"file is larger than 200 MB", "The file is larger than 200 MB. Split it into smaller files and import them one by one."}
	ErrNoHeader     = &ImportError{"first row names no column", "The first row of the file should name the columns (for example Name, Phone, Email). Add such a row and try again."}
	ErrNoVCards     = &ImportError{"no vcard in file", "The file holds no contact cards. Check that it is a .vcf file exported from your contacts."}
	// ErrNotClientList is a file whose shape no client list has: a first
	// line too long to be a header row, or rows of thousands of cells.
	ErrNotClientList = &ImportError{"not a client list", "This file is not a client list: its first line should name the columns (for example Name, Phone, Email), and a row should hold one client. Choose the file you exported from your contacts or spreadsheet."}
)

// The shape of a client list. Outlook's export, among the widest, has 92
// columns in a 1.4 KB header; nothing a person keeps clients in comes near
// these, and refusing early keeps a wrong file from filling memory.
const (
	maxHeaderBytes = 64 << 10
	maxColumns     = 1000
)

// The text encodings ReadTable recognises, as Table.Encoding names them.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF8BOM     = "UTF-8 with BOM"
	EncodingUTF16LE     = "UTF-16LE"
	EncodingUTF16BE     = "UTF-16BE"
	EncodingWindows1252 = "Windows-1252"
	EncodingWindows1250 = "Windows-1250"
	EncodingWindows1251 = "Windows-1251"
)

// Table is a CSV file read for import: a header row and data rows that all
// have as many cells as the header.
type Table struct {
	Header   []string
	Rows     [][]string
	Lines    []int  // the 1-based line of each row in the file; the header is line 1
	Sep      rune   // the separator found: ',', ';' or '\t'
	Encoding string // one of the Encoding constants
}

// line returns the file line of row i, for messages.
func (t *Table) line(i int) int {
	if i < len(t.Lines) {
		return t.Lines[i]
	}
	return i + 2
}

// readLimited reads all of r, refusing more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, ErrFileTooLarge
	}
	return data, nil
}

// ReadTable reads a CSV file as spreadsheets and contact programs write it.
// It finds the encoding (see NewTableReader) and the separator (the most
// frequent of ',', ';' and tab in the header line, or Excel's "sep=;" first
// line), trims the header cells, drops rows that are entirely empty and pads
// short rows. A row longer than the header widens the table with unnamed
// columns rather than losing the extra cells. It returns ErrEmptyFile,
// ErrFileTooLarge or ErrNoHeader. It holds the whole file: an import that
// needs no more than the rows, one after the other, reads it with
// NewTableReader.
func ReadTable(r io.Reader) (*Table, error) {
	data, err := readLimited(r, MaxImportBytes)
	if err != nil {
		return nil, err
	}
	t, _, err := ReadTableHead(bytes.NewReader(data), math.MaxInt)
	return t, err
}

// ReadTableHead reads a CSV file as ReadTable does but keeps only its first
// n rows: the table has the header and the columns of the whole file and
// its first rows, and rows says how many rows the file has. The import
// screen previews a file this way and reads it again, a row at a time,
// to check and import it (NewTableReader): a file of 100,000 rows held
// whole, as cells and then as clients, took more memory than the book.
func ReadTableHead(r io.ReadSeeker, n int) (t *Table, rows int, err error) {
	tr, err := NewTableReader(r)
	if err != nil {
		return nil, 0, err
	}
	t = &Table{Header: tr.Header, Sep: tr.Sep, Encoding: tr.Encoding}
	width := len(t.Header)
	for {
		rec, line, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		if rows < n {
			t.Rows = append(t.Rows, rec)
			t.Lines = append(t.Lines, line)
		}
		rows++
		width = max(width, usedWidth(rec))
	}
	t.setWidth(width)
	return t, rows, nil
}

// findSeparator picks the separator from an Excel "sep=" line, which it
// then asks to skip, or else from the header line.
func findSeparator(text string) (sep rune, skip bool) {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, "\r")
	if rest, ok := strings.CutPrefix(strings.ToLower(first), "sep="); ok && utf8.RuneCountInString(rest) == 1 {
		r, _ := utf8.DecodeRuneInString(rest)
		if r == ',' || r == ';' || r == '\t' {
			return r, true
		}
	}
	return headerSeparator(text), false
}

// headerSeparator counts ',', ';' and tab outside quotes in the first line
// and returns the most frequent; ties and a single column give ','.
func headerSeparator(text string) rune {
	var comma, semi, tab int
	quoted := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		switch c {
		case '\n':
			i = len(text)
		case ',':
			comma++
		case ';':
			semi++
		case '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// usedWidth returns the number of cells up to the last one that is not
// blank; 0 for an empty row.
func usedWidth(rec []string) int {
	for i := len(rec) - 1; i >= 0; i-- {
		if strings.TrimSpace(rec[i]) != "" {
			return i + 1
		}
	}
	return 0
}

// setWidth gives the header and every row exactly n cells; it only ever
// cuts off blank cells.
func (t *Table) setWidth(n int) {
	t.Header = fitRow(t.Header, n)
	for i, row := range t.Rows {
		t.Rows[i] = fitRow(row, n)
	}
}

func fitRow(row []string, n int) []string {
	if len(row) >= n {
		return row[:n]
	}
	return append(row, make([]string, n-len(row))...)
}

// The encoding of a file is found this way (NewTableReader):
//
//   - a byte order mark says UTF-8, UTF-16LE or UTF-16BE (Excel's
//     "Unicode text" is UTF-16LE with a mark);
//   - NUL bytes in every other position say UTF-16 without a mark;
//   - valid UTF-8 is UTF-8;
//   - anything else was saved in a Windows code page; guessCodePage picks one.

// Byte order marks.
const (
	bomUTF8    = "\xEF\xBB\xBF"
	bomUTF16LE = "\xFF\xFE"
	bomUTF16BE = "\xFE\xFF"
)

// sniffUnicode recognises UTF-8 with a byte order mark and UTF-16 with or
// without one, returning the text as UTF-8 without the mark. ok is false
// when data carries no such sign.
func sniffUnicode(data []byte) (text []byte, enc string, ok bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte(bomUTF8)):
		return data[len(bomUTF8):], EncodingUTF8BOM, true, nil
	case bytes.HasPrefix(data, []byte(bomUTF16LE)):
		text, err = decodeUTF16(data[2:], xunicode.LittleEndian)
		return text, EncodingUTF16LE, true, err
	case bytes.HasPrefix(data, []byte(bomUTF16BE)):
		text, err = decodeUTF16(data[2:], xunicode.BigEndian)
		return text, EncodingUTF16BE, true, err
	}
	switch utf16ByNULs(data) {
	case EncodingUTF16LE:
		text, err = decodeUTF16(data, xunicode.LittleEndian)
		return text, EncodingUTF16LE, true, err
	case EncodingUTF16BE:
		text, err = decodeUTF16(data, xunicode.BigEndian)
		return text, EncodingUTF16BE, true, err
	}
	return data, "", false, nil
}

func decodeUTF16(data []byte, e xunicode.Endianness) ([]byte, error) {
	text, _, err := transform.Bytes(xunicode.UTF16(e, xunicode.IgnoreBOM).NewDecoder(), data)
	if err != nil {
		return nil, fmt.Errorf("decode utf-16: %w", err)
	}
	return bytes.TrimPrefix(text, []byte(bomUTF8)), nil
}

// utf16ByNULs looks at the start of a file with no byte order mark: text
// files never contain NUL bytes, except UTF-16, where the Latin letters,
// digits and separators of a header line have a NUL as their high byte. It
// returns EncodingUTF16LE, EncodingUTF16BE or "" when the file does not look
// like UTF-16.
func utf16ByNULs(data []byte) string {
	const sample = 4096
	data = data[:min(len(data), sample)&^1]
	pairs := len(data) / 2
	if pairs < 2 {
		return ""
	}
	var even, odd int
	for i := 0; i < len(data); i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*4 >= pairs && even*4 < odd:
		return EncodingUTF16LE
	case even*4 >= pairs && odd*4 < even:
		return EncodingUTF16BE
	}
	return ""
}

// guessCodePage picks the Windows code page of a file that is not UTF-8,
// from the three that Client Tracker's users' spreadsheets are saved in:
//
//   - Windows-1251 when most bytes of 0xC0–0xFF (and Ё ё, the Ukrainian
//     letters) stand in runs of three or more: Cyrillic words are written
//     entirely in those bytes, while Western accented letters stand alone
//     between ASCII letters ("José", "Müller").
//   - Windows-1250 when a byte that is a letter in 1250 but a symbol or a
//     rare letter in 1252 (ą ł ş ţ ľ ś ź ť Ż Ł …) is followed by a letter,
//     as it is inside a word ("Braşov", "Łódź"). Bytes whose letter is the
//     same in both code pages (š ž â î é ü) say nothing, and ¿ œ are left
//     out because Spanish and French write them before letters.
//   - Windows-1252 otherwise.
//
// Known misses: Romanian text with only ă (no ş or ţ) reads as "ã", and
// Czech or Hungarian text with only letters shared with 1252 positions
// (č ř ě ő as è ø ì õ) reads as 1252. Windows-1250 has no comma-below
// letters, so Romanian "ș ț" arrive in their cedilla forms "ş ţ", as saved.
func guessCodePage(data []byte) (*charmap.Charmap, string) {
	if looksCyrillic(data) {
		return charmap.Windows1251, EncodingWindows1251
	}
	if looksCentralEuropean(data) {
		return charmap.Windows1250, EncodingWindows1250
	}
	return charmap.Windows1252, EncodingWindows1252
}

func looksCyrillic(data []byte) bool {
	letters, inWords, run := 0, 0, 0
	for i := 0; i <= len(data); i++ {
		if i < len(data) && isCyrillic1251(data[i]) {
			letters++
			run++
			continue
		}
		if run >= 3 {
			inWords += run
		}
		run = 0
	}
	return letters >= 3 && inWords*2 > letters
}

// isCyrillic1251 reports whether b is a letter in Windows-1251.
func isCyrillic1251(b byte) bool {
	switch b {
	case 0xA8, 0xB8, // Ё ё
		0xAA, 0xBA, 0xAF, 0xBF, 0xB2, 0xB3, 0xA5, 0xB4, // Є є Ї ї І і Ґ ґ
		0xA1, 0xA2: // Ў ў
		return true
	}
	return b >= 0xC0
}

func looksCentralEuropean(data []byte) bool {
	for i := 0; i+1 < len(data); i++ {
		if only1250Letter(data[i]) && isWordByte(data[i+1]) {
			return true
		}
	}
	return false
}

// only1250Letter reports whether b is a letter in Windows-1250 and a symbol
// or a rare letter in Windows-1252.
func only1250Letter(b byte) bool {
	switch b {
	case 0x8D, 0x9D, // Ť ť (unused in 1252)
		0x8F, 0x9F, // Ź ź (unused, Ÿ)
		0xA3, 0xB3, // Ł ł (£ ³)
		0xA5, 0xB9, // Ą ą (¥ ¹)
		0xAA, 0xBA, // Ş ş (ª º)
		0xAF,       // Ż (¯)
		0xBC, 0xBE, // Ľ ľ (¼ ¾)
		0xDE, 0xFE: // Ţ ţ (Icelandic Þ þ)
		return true
	}
	return false
}

func isWordByte(b byte) bool {
	return (b|0x20) >= 'a' && (b|0x20) <= 'z' || b >= 0xC0 || only1250Letter(b)
}
