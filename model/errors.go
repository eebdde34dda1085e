package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a change would break a uniqueness or
// reference rule of the stored data.
var ErrConflict = errors.New("conflict")

// FieldError describes one invalid field. Message is an English sentence that
// may hold template placeholders such as {{.Max}}, filled from Data; the GUI
// passes both to its translator, so the sentence is also a translation key.
type FieldError struct {
	Field   string
	Message string
	Data    map[string]any
}

// Text returns the message with its placeholders filled in, in one pass:
// a value is written as it is, never read for placeholders of its own (a
// client named "{{.Days}}" stays so), and a placeholder without a value
// stays as written. The due list describes every row with it: the whole
// list of a 100,000-client book calls it 72,000 times.
func (e FieldError) Text() string {
	s := e.Message
	if len(e.Data) == 0 || !strings.Contains(s, "{{.") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.Index(s, "{{.")
		if i < 0 {
			break
		}
		n := strings.Index(s[i+3:], "}}")
		if n < 0 {
			break
		}
		end := i + 3 + n + 2
		b.WriteString(s[:i])
		if v, ok := e.Data[s[i+3:i+3+n]]; ok {
			writeValue(&b, v)
		} else {
			b.WriteString(s[i:end])
		}
		s = s[end:]
	}
	b.WriteString(s)
	return b.String()
}

// writeValue writes v as fmt.Sprint would.
func writeValue(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(v)
	case int:
		b.WriteString(strconv.Itoa(v))
	default:
		fmt.Fprint(b, v)
	}
}

// ValidationError lists every invalid field of a record, in form order, so a
// form can show each message next to its field.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Text()
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// For returns the first error recorded for field, and whether there is one.
func (e *ValidationError) For(field string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldError{}, false
}

// add records an error for field; data holds alternating key/value pairs.
func (e *ValidationError) add(field, msg string, data ...any) {
	fe := FieldError{Field: field, Message: msg}
	if len(data) > 0 {
		fe.Data = map[string]any{}
		for i := 0; i+1 < len(data); i += 2 {
			fe.Data[data[i].(string)] = data[i+1]
		}
	}
	e.Fields = append(e.Fields, fe)
}

// Add records an error for field, with Message msg (no data).
func (e *ValidationError) Add(field, msg string) { e.add(field, msg) }

// Merge records the fields of err, the result of a Validate method: nil or a
// *ValidationError. Any other error is recorded under the field "" with its
// text, so nothing is lost.
func (e *ValidationError) Merge(err error) {
	if err == nil {
		return
	}
	if ve, ok := AsValidation(err); ok {
		e.Fields = append(e.Fields, ve.Fields...)
		return
	}
	e.Fields = append(e.Fields, FieldError{Message: err.Error()})
}

// Err returns e, or nil when nothing was recorded, so a form can return it
// as its validation result.
func (e *ValidationError) Err() error { return e.err() }

// err returns nil when nothing was recorded, so callers can return it as is.
func (e *ValidationError) err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// AsValidation reports whether err is (or wraps) a *ValidationError.
func AsValidation(err error) (*ValidationError, bool) {
	var ve *ValidationError
	ok := errors.As(err, &ve)
	return ve, ok
}
