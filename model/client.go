package model

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Channel is how a client prefers to be contacted.
type Channel string

// The contact channels a client may prefer.
const (
	ChannelNone     Channel = ""
	ChannelPhone    Channel = "phone"
	ChannelMessage  Channel = "message" // SMS or a messenger
	ChannelEmail    Channel = "email"
	ChannelInPerson Channel = "in_person"
)

// Channels lists the channels in the order a form offers them.
var Channels = []Channel{ChannelPhone, ChannelMessage, ChannelEmail, ChannelInPerson}

// Label is the English name of the channel, also its translation key.
func (c Channel) Label() string {
	switch c {
	case ChannelPhone:
		return "Phone call"
	case ChannelMessage:
		return "SMS / messenger"
	case ChannelEmail:
		return "Email"
	case ChannelInPerson:
		return "In person"
	}
	return "No preference"
}

// Valid reports whether c is one of the known channels or none.
func (c Channel) Valid() bool {
	if c == ChannelNone {
		return true
	}
	for _, k := range Channels {
		if c == k {
			return true
		}
	}
	return false
}

// Birthday is a day and month with an optional year (0 when unknown), because
// many clients will tell you the day but not their age. The zero value means
// no birthday is recorded.
type Birthday struct {
	Day   int
	Month time.Month
	Year  int
}

// IsZero reports whether no birthday is recorded.
func (b Birthday) IsZero() bool { return b.Day == 0 && b.Month == 0 && b.Year == 0 }

// String writes the birthday as "--MM-DD" (vCard style) or "YYYY-MM-DD".
func (b Birthday) String() string {
	if b.IsZero() {
		return ""
	}
	if b.Year == 0 {
		return "--" + pad2(int(b.Month)) + "-" + pad2(b.Day)
	}
	return pad4(b.Year) + "-" + pad2(int(b.Month)) + "-" + pad2(b.Day)
}

// ParseBirthday reads what Birthday.String writes; "" is no birthday. It does
// not validate the day: call Validate for that.
func ParseBirthday(s string) (Birthday, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Birthday{}, true
	}
	var y, m, d int
	var ok bool
	if strings.HasPrefix(s, "--") && len(s) == 7 && s[4] == '-' {
		m, ok = atoiOK(s[2:4])
		if !ok {
			return Birthday{}, false
		}
		d, ok = atoiOK(s[5:7])
	} else if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		if y, ok = atoiOK(s[:4]); !ok {
			return Birthday{}, false
		}
		if m, ok = atoiOK(s[5:7]); !ok {
			return Birthday{}, false
		}
		d, ok = atoiOK(s[8:10])
	}
	if !ok {
		return Birthday{}, false
	}
	return Birthday{Day: d, Month: time.Month(m), Year: y}, true
}

func atoiOK(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(int64(n))
	}
	return itoa(int64(n))
}

func pad4(n int) string {
	s := itoa(int64(n))
	return strings.Repeat("0", max(0, 4-len(s))) + s
}

// Client is a person or business the shop sells to.
type Client struct {
	ID         int64
	Name       string
	Phones     []string // as typed; searched by their digits
	Email      string
	City       string
	Address    string
	Company    string
	Channel    Channel
	Since      time.Time // client since (a calendar day)
	Birthday   Birthday
	Language   string // the language they prefer to be spoken to in
	ReferredBy int64  // the client who sent them to you; 0 for none
	Tags       []string
	Notes      string

	CreatedAt time.Time
	UpdatedAt time.Time

	Lost  Lost        // why and when they were lost; zero while they are a client
	Plan  ContactPlan // their own contact schedule
	Marks Marks       // what the ladder rules cannot see
	Pin   Pin         // a rung chosen by hand; zero for the rules' choice

	// Read-only values filled in by the store.
	ReferredByName string
	Summary        PurchaseSummary
	Stage          Stage  // the rung they stand on (the pin, else AutoStage)
	AutoStage      Stage  // the rung the rules compute
	Lapsed         bool   // stopped buying at their usual rhythm
	Ready          string // what would take them a rung up (ReadyToMoveUp); "" if not close
}

// Field names used in validation errors, one per form field.
const (
	FieldName       = "name"
	FieldPhones     = "phones"
	FieldEmail      = "email"
	FieldCity       = "city"
	FieldAddress    = "address"
	FieldCompany    = "company"
	FieldChannel    = "channel"
	FieldSince      = "since"
	FieldBirthday   = "birthday"
	FieldLanguage   = "language"
	FieldReferredBy = "referred_by"
	FieldTags       = "tags"
	FieldNotes      = "notes"
)

// Length limits, in characters (runes).
const (
	MaxNameLen  = 200
	MaxShortLen = 200 // email, city, company, language, a phone as typed
	MaxLongLen  = 500 // address
	MaxNotesLen = 10000
	MaxTags     = 50
	MaxPhones   = 10
)

// Normalize trims surrounding white space from every text field, strips
// control characters (StripControls: a NUL pasted from another program, an
// escape sequence), and drops empty phones and tags and repeated tags.
// Otherwise it never changes the text inside: emoji, combining marks and
// right-to-left text are stored exactly.
func (c *Client) Normalize() {
	c.Name = strings.TrimSpace(StripControls(c.Name, false))
	c.Email = strings.TrimSpace(StripControls(c.Email, false))
	c.City = strings.TrimSpace(StripControls(c.City, false))
	c.Address = strings.TrimSpace(StripControls(c.Address, true))
	c.Company = strings.TrimSpace(StripControls(c.Company, false))
	c.Language = strings.TrimSpace(StripControls(c.Language, false))
	c.Notes = strings.TrimRightFunc(StripControls(c.Notes, true), isSpace)
	c.Phones = cleanList(c.Phones, false)
	c.Tags = cleanList(c.Tags, true)
	c.Since = Day(c.Since)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// StripControls removes the control characters (Unicode Cc: NUL, bell,
// escape, DEL and the C1 range) that no one types but that arrive pasted
// from other programs or in files, and that spreadsheets, terminals and
// other tools choke on. Line breaks (CR, LF) and tabs are kept as they are
// in multiline text; in a one-line field each becomes a space (CR LF one).
func StripControls(s string, multiline bool) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	if !multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\n':
			if multiline {
				return r
			}
			return ' '
		case r == '\t':
			if multiline {
				return r
			}
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// cleanList trims items, drops empty ones and, if dedupe, case-insensitive
// repeats, keeping the first spelling.
func cleanList(in []string, dedupe bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(StripControls(s, false))
		if s == "" {
			continue
		}
		if dedupe {
			k := strings.ToLower(s)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, s)
	}
	return out
}

// SplitList splits a comma- or newline-separated list as typed in one field.
func SplitList(s string) []string {
	return cleanList(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }), false)
}

// Validate checks the client as the owner entered it (after Normalize) and
// returns a *ValidationError listing every problem, or nil. today is the
// current calendar day, so "client since" cannot lie in the future.
func (c *Client) Validate(today time.Time) error {
	ve := &ValidationError{}
	switch n := utf8.RuneCountInString(c.Name); {
	case strings.TrimSpace(c.Name) == "":
		ve.add(FieldName, "Enter the client's name.")
	case !utf8.ValidString(c.Name):
		ve.add(FieldName, "The name has characters that cannot be read; type it again.")
	case n > MaxNameLen:
		ve.add(FieldName, "The name is too long ({{.Len}} characters); keep it under {{.Max}}.", "Len", n, "Max", MaxNameLen)
	}
	if len(c.Phones) > MaxPhones {
		ve.add(FieldPhones, "Keep at most {{.Max}} phone numbers.", "Max", MaxPhones)
	} else {
		for _, p := range c.Phones {
			if msg, data := ValidatePhone(p); msg != "" {
				fe := FieldError{Field: FieldPhones, Message: "{{.Phone}}: " + msg, Data: map[string]any{"Phone": p}}
				for k, v := range data {
					fe.Data[k] = v
				}
				ve.Fields = append(ve.Fields, fe)
				break
			}
		}
	}
	if c.Email != "" {
		if msg := validateEmail(c.Email); msg != "" {
			ve.add(FieldEmail, msg, "Email", c.Email)
		}
	}
	checkLen(ve, FieldCity, "city", c.City, MaxShortLen)
	checkLen(ve, FieldAddress, "address", c.Address, MaxLongLen)
	checkLen(ve, FieldCompany, "company", c.Company, MaxShortLen)
	checkLen(ve, FieldLanguage, "language", c.Language, MaxShortLen)
	checkLen(ve, FieldNotes, "notes", c.Notes, MaxNotesLen)
	if !c.Channel.Valid() {
		ve.add(FieldChannel, "Choose a contact channel from the list.")
	}
	if !c.Since.IsZero() && Day(c.Since).After(Day(today)) {
		ve.add(FieldSince, "\"Client since\" cannot be in the future.")
	}
	if msg := c.Birthday.validate(today); msg != "" {
		ve.add(FieldBirthday, msg)
	}
	if c.ReferredBy != 0 && c.ReferredBy == c.ID {
		ve.add(FieldReferredBy, "A client cannot be referred by themselves.")
	}
	if len(c.Tags) > MaxTags {
		ve.add(FieldTags, "Keep at most {{.Max}} tags.", "Max", MaxTags)
	} else {
		for _, t := range c.Tags {
			if utf8.RuneCountInString(t) > 50 {
				ve.add(FieldTags, "The tag \"{{.Tag}}\" is too long; keep tags under 50 characters.", "Tag", t)
				break
			}
		}
	}
	return ve.err()
}

func checkLen(ve *ValidationError, field, what, s string, limit int) {
	if !utf8.ValidString(s) {
		ve.add(field, "The {{.What}} field has characters that cannot be read; type it again.", "What", what)
		return
	}
	if n := utf8.RuneCountInString(s); n > limit {
		ve.add(field, "The {{.What}} field is too long ({{.Len}} characters); keep it under {{.Max}}.", "What", what, "Len", n, "Max", limit)
	}
}

// validateEmail accepts a bare address with a local part, an "@" and a
// domain that has a dot, as people actually type them.
func validateEmail(s string) string {
	if utf8.RuneCountInString(s) > MaxShortLen {
		return "The email address is too long."
	}
	a, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || a.Address != s || at <= 0 || !strings.Contains(s[at+1:], ".") ||
		strings.HasSuffix(s, ".") || strings.Contains(s[at+1:], "..") {
		return "\"{{.Email}}\" is not an email address; it should look like name@example.com."
	}
	return ""
}

func (b Birthday) validate(today time.Time) string {
	if b.IsZero() {
		return ""
	}
	if b.Month < time.January || b.Month > time.December {
		return "Choose the month of the birthday."
	}
	if b.Day < 1 {
		return "Choose the day of the birthday."
	}
	if b.Year != 0 {
		if b.Year < 1900 || b.Year > today.Year() {
			return "The birth year should be between 1900 and this year, or left empty."
		}
		if time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC).After(Day(today)) {
			return "The birthday cannot be in the future."
		}
	}
	if b.Day > DaysIn(b.Month, b.Year) {
		if b.Month == time.February && b.Day == 29 {
			return "That year was not a leap year, so it had no 29 February."
		}
		return "That month has no such day; check the birthday."
	}
	return ""
}
