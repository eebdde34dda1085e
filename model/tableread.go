package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Reading a CSV client list a row at a time: an import of a large file
// then holds a batch of rows in memory, not the file, its text and every
// row made into a client at once (at 100,000 rows that was most of the
// half a gigabyte an import took).

// TableReader reads a CSV file as ReadTable does, one row at a time.
type TableReader struct {
	Header   []string // trimmed; the cells of the first row
	Sep      rune     // the separator found: ',', ';' or '\t'
	Encoding string   // one of the Encoding constants

	cr *csv.Reader
}

// readChunk is how much of a file is read at a time; even, so that a
// UTF-16 file's code units never straddle two chunks.
const readChunk = 64 << 10

// NewTableReader reads the header of the CSV file r and returns a reader
// of its rows. r is read twice: whether a file is UTF-8 is only known once
// all of it is read (see "The encoding of a file" in csv.go), so a
// first pass finds the encoding and a second reads the rows. It returns
// the errors ReadTable returns, found as early as it can: a file whose
// first line is too long for a header is refused without reading on.
func NewTableReader(r io.ReadSeeker) (*TableReader, error) {
	enc, lineEnds, err := scanEncoding(r)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	text, err := decodingReader(bufio.NewReaderSize(r, readChunk), enc)
	if err != nil {
		return nil, err
	}
	// Files from classic Mac programs end lines with CR alone, which
	// encoding/csv does not see as a line end.
	if !lineEnds {
		text = crToLF{text}
	}
	seen := &textSeen{r: text}
	br := bufio.NewReaderSize(seen, 4*readChunk)
	head, err := br.Peek(br.Size())
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read file: %w", err)
	}
	sep, skip := findSeparator(string(head))
	t := &TableReader{Sep: sep, Encoding: enc, cr: csv.NewReader(br)}
	t.cr.Comma = sep
	t.cr.LazyQuotes = true // spreadsheets write stray quotes; read them as text
	t.cr.FieldsPerRecord = -1
	t.cr.ReuseRecord = false
	if skip {
		if _, err := t.cr.Read(); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read csv: %w", err)
		}
	}
	rec, err := t.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, ErrEmptyFile
	}
	if err != nil {
		return nil, fmt.Errorf("read csv: %w", err)
	}
	if len(rec) > maxColumns {
		return nil, ErrNotClientList
	}
	if err := t.setHeader(rec); err != nil {
		// A file of nothing but blanks is empty rather than headless.
		if _, cerr := io.Copy(io.Discard, seen); cerr == nil && !seen.seen {
			return nil, ErrEmptyFile
		}
		return nil, err
	}
	return t, nil
}

// Next returns the next row that is not entirely blank, with the file
// line it starts on; io.EOF after the last. A row may have fewer or more
// cells than the header.
func (t *TableReader) Next() (cells []string, line int, err error) {
	for {
		rec, err := t.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read csv: %w", err)
		}
		if len(rec) > maxColumns {
			return nil, 0, ErrNotClientList
		}
		if usedWidth(rec) == 0 {
			continue
		}
		line, _ := t.cr.FieldPos(0)
		return rec, line, nil
	}
}

func (t *TableReader) setHeader(rec []string) error {
	named := false
	for i, s := range rec {
		if i == 0 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		rec[i] = strings.TrimSpace(s)
		named = named || rec[i] != ""
	}
	if !named {
		return ErrNoHeader
	}
	t.Header = rec
	return nil
}

// clientsBatch is how many rows Clients maps at a time, in parts side by
// side while the caller takes the rows of the batch before.
const clientsBatch = 4096

// Clients makes the rest of the rows into clients as Table.Clients does,
// yielding each with a nil error, or a nil row and the error that stopped
// the reading (a malformed file, ErrNotClientList). Rows are mapped a
// batch ahead of the caller, on other goroutines.
func (t *TableReader) Clients(m Mapping, today time.Time) iter.Seq2[ImportRow, error] {
	own := isOwnExport(t.Header)
	return func(yield func(ImportRow, error) bool) {
		type batch struct {
			rows []ImportRow
			err  error
		}
		out := make(chan batch, 1)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			defer close(out)
			for {
				var cells [][]string
				var lines []int
				var err error
				for len(cells) < clientsBatch {
					c, line, rerr := t.Next()
					if rerr != nil {
						if !errors.Is(rerr, io.EOF) {
							err = rerr
						}
						break
					}
					cells, lines = append(cells, c), append(lines, line)
				}
				b := batch{rows: mapRows(cells, lines, m, own, today), err: err}
				select {
				case out <- b:
				case <-stop:
					return
				}
				if err != nil || len(cells) < clientsBatch {
					return
				}
			}
		})
		defer func() {
			close(stop)
			wg.Wait()
		}()
		for b := range out {
			for _, r := range b.rows {
				if !yield(r, nil) {
					return
				}
			}
			if b.err != nil {
				yield(ImportRow{}, b.err)
				return
			}
		}
	}
}

// mapRows makes each row of cells, which starts on the file line of the
// same index, into a client; a large batch is mapped in parts, one per
// core, as rows are independent.
func mapRows(cells [][]string, lines []int, m Mapping, own bool, today time.Time) []ImportRow {
	rows := make([]ImportRow, len(cells))
	parts := min(runtime.GOMAXPROCS(0), max(1, len(cells)/clientsPerPart))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(rows)/parts, (p+1)*len(rows)/parts
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				rows[i] = mapRow(cells[i], lines[i], m, own, today)
			}
		})
	}
	wg.Wait()
	return rows
}

// scanEncoding reads all of r once and returns its encoding and whether
// its text has a line feed (without one, lines end with CR alone). It
// returns ErrFileTooLarge past MaxImportBytes and ErrNotClientList, as
// soon as it is known, for a first line longer than a header can be.
func scanEncoding(r io.ReadSeeker) (enc string, lineEnds bool, err error) {
	buf := make([]byte, readChunk)
	var total int64
	firstLF := int64(-1)
	utf8OK, carry := true, []byte(nil)
	for {
		n, rerr := io.ReadFull(r, buf)
		if rerr != nil && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, io.ErrUnexpectedEOF) {
			return "", false, fmt.Errorf("read file: %w", rerr)
		}
		chunk := buf[:n]
		if total == 0 {
			enc = sniffEncoding(chunk)
		}
		if firstLF < 0 {
			if i := bytes.IndexByte(chunk, '\n'); i >= 0 {
				firstLF = total + int64(i)
			}
		}
		total += int64(n)
		switch {
		case total > MaxImportBytes:
			return "", false, ErrFileTooLarge
		case firstLF > maxHeaderBytes || (firstLF < 0 && total > maxHeaderBytes):
			return "", false, ErrNotClientList
		}
		switch enc {
		case EncodingUTF16LE, EncodingUTF16BE:
			lineEnds = lineEnds || hasLF16(chunk, enc == EncodingUTF16LE)
		case "":
			utf8OK, carry = validUTF8(carry, chunk, utf8OK)
		}
		if rerr != nil {
			break
		}
	}
	switch enc {
	case EncodingUTF16LE, EncodingUTF16BE:
		return enc, lineEnds, nil
	case EncodingUTF8BOM:
		return enc, firstLF >= 0, nil
	}
	if utf8OK && len(carry) == 0 {
		return EncodingUTF8, firstLF >= 0, nil
	}
	// Not UTF-8: one more pass tells the code page.
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return "", false, fmt.Errorf("read file: %w", err)
	}
	var cp codePageStats
	for {
		n, rerr := io.ReadFull(r, buf)
		if rerr != nil && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, io.ErrUnexpectedEOF) {
			return "", false, fmt.Errorf("read file: %w", rerr)
		}
		cp.add(buf[:n])
		if rerr != nil {
			break
		}
	}
	return cp.encoding(), firstLF >= 0, nil
}

// sniffEncoding tells a Unicode encoding from the start of a file as
// sniffUnicode does; "" when there is no sign of one.
func sniffEncoding(start []byte) string {
	switch {
	case bytes.HasPrefix(start, []byte(bomUTF8)):
		return EncodingUTF8BOM
	case bytes.HasPrefix(start, []byte(bomUTF16LE)):
		return EncodingUTF16LE
	case bytes.HasPrefix(start, []byte(bomUTF16BE)):
		return EncodingUTF16BE
	}
	return utf16ByNULs(start)
}

// hasLF16 reports whether chunk, which starts at a code unit, has a
// UTF-16 line feed.
func hasLF16(chunk []byte, little bool) bool {
	for i := 0; i+1 < len(chunk); i += 2 {
		lo, hi := chunk[i], chunk[i+1]
		if !little {
			lo, hi = hi, lo
		}
		if lo == '\n' && hi == 0 {
			return true
		}
	}
	return false
}

// validUTF8 carries on checking a text for UTF-8 with its next chunk:
// carry is the start of a character the last chunk ended in the middle of.
func validUTF8(carry, chunk []byte, ok bool) (bool, []byte) {
	if !ok {
		return false, nil
	}
	if len(carry) > 0 {
		chunk = append(carry, chunk...)
	}
	// Leave out a character cut at the end of the chunk.
	cut := len(chunk)
	for k := 1; k <= utf8.UTFMax-1 && k <= len(chunk); k++ {
		b := chunk[len(chunk)-k]
		if b < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(b) {
			if !utf8.FullRune(chunk[len(chunk)-k:]) {
				cut = len(chunk) - k
			}
			break
		}
	}
	if !utf8.Valid(chunk[:cut]) {
		return false, nil
	}
	return true, bytes.Clone(chunk[cut:])
}

// codePageStats gathers, chunk by chunk, what guessCodePage looks at.
type codePageStats struct {
	letters, inWords, run int  // looksCyrillic's counts
	central               bool // looksCentralEuropean's answer
	prev                  byte
	started               bool
}

func (s *codePageStats) add(chunk []byte) {
	for _, b := range chunk {
		if isCyrillic1251(b) {
			s.letters++
			s.run++
		} else {
			if s.run >= 3 {
				s.inWords += s.run
			}
			s.run = 0
		}
		if s.started && !s.central && only1250Letter(s.prev) && isWordByte(b) {
			s.central = true
		}
		s.prev, s.started = b, true
	}
}

// encoding is the code page guessCodePage would pick for all the chunks.
func (s *codePageStats) encoding() string {
	inWords := s.inWords
	if s.run >= 3 {
		inWords += s.run
	}
	switch {
	case s.letters >= 3 && inWords*2 > s.letters:
		return EncodingWindows1251
	case s.central:
		return EncodingWindows1250
	}
	return EncodingWindows1252
}

// decodingReader returns the text of r, which is in encoding enc, as
// UTF-8 without a byte order mark.
func decodingReader(r *bufio.Reader, enc string) (io.Reader, error) {
	skip := func(prefix string) error {
		if b, _ := r.Peek(len(prefix)); string(b) == prefix {
			if _, err := r.Discard(len(prefix)); err != nil {
				return fmt.Errorf("read file: %w", err)
			}
		}
		return nil
	}
	var e xunicode.Endianness
	switch enc {
	case EncodingUTF8:
		return r, nil
	case EncodingUTF8BOM:
		return r, skip(bomUTF8)
	case EncodingWindows1251:
		return transform.NewReader(r, charmap.Windows1251.NewDecoder()), nil
	case EncodingWindows1250:
		return transform.NewReader(r, charmap.Windows1250.NewDecoder()), nil
	case EncodingWindows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder()), nil
	case EncodingUTF16LE:
		e = xunicode.LittleEndian
		if err := skip(bomUTF16LE); err != nil {
			return nil, err
		}
	case EncodingUTF16BE:
		e = xunicode.BigEndian
		if err := skip(bomUTF16BE); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown encoding %q", enc)
	}
	text := bufio.NewReader(transform.NewReader(r, xunicode.UTF16(e, xunicode.IgnoreBOM).NewDecoder()))
	// A second mark after the first is text's, not the file's: dropped
	// too, as decodeUTF16 does.
	if b, _ := text.Peek(len(bomUTF8)); string(b) == bomUTF8 {
		if _, err := text.Discard(len(bomUTF8)); err != nil {
			return nil, fmt.Errorf("decode utf-16: %w", err)
		}
	}
	return text, nil
}

// crToLF reads a text whose lines end with CR alone with LF instead.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// textSeen passes a text through and notes whether any of it is not
// white space.
type textSeen struct {
	r     io.Reader
	seen  bool
	carry []byte // the start of a character cut at the end of a read
}

func (t *textSeen) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if !t.seen && n > 0 {
		b := append(t.carry, p[:n]...)
		t.carry = nil
		for len(b) > 0 {
			if !utf8.FullRune(b) {
				t.carry = b
				break
			}
			r, size := utf8.DecodeRune(b)
			if !unicode.IsSpace(r) {
				t.seen = true
				break
			}
			b = b[size:]
		}
	}
	if errors.Is(err, io.EOF) && len(t.carry) > 0 {
		t.seen = true // an unfinished character is not a space
	}
	return n, err
}
