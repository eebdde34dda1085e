package model

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Importing clients from other programs: each column of a CSV file is mapped
// to a client field (guessed from its header, confirmed by the owner), then
// every row becomes a client that is validated like one typed into the form.
// A row is never dropped: a row that cannot become a valid client comes back
// with its problems, so the owner can see and fix it.

// ImportField is the client field a column of an imported file fills.
type ImportField string

// The fields a column can be mapped to. Name, given, middle and family name,
// nickname and company all serve to name the client (see Table.Clients).
const (
	ImportIgnore     ImportField = ""
	ImportID         ImportField = "id"
	ImportName       ImportField = "name"
	ImportGivenName  ImportField = "given_name"
	ImportMiddleName ImportField = "middle_name"
	ImportFamilyName ImportField = "family_name"
	ImportNickname   ImportField = "nickname"
	ImportPhone      ImportField = "phone"
	ImportEmail      ImportField = "email"
	ImportCity       ImportField = "city"
	ImportAddress    ImportField = "address"
	ImportCompany    ImportField = "company"
	ImportChannel    ImportField = "channel"
	ImportSince      ImportField = "since"
	ImportBirthday   ImportField = "birthday"
	ImportLanguage   ImportField = "language"
	ImportTags       ImportField = "tags"
	ImportNotes      ImportField = "notes"
)

// ImportFields lists the fields in the order a mapping screen offers them.
var ImportFields = []ImportField{
	ImportIgnore, ImportName, ImportGivenName, ImportMiddleName, ImportFamilyName, ImportNickname,
	ImportPhone, ImportEmail, ImportCity, ImportAddress, ImportCompany, ImportChannel,
	ImportSince, ImportBirthday, ImportLanguage, ImportTags, ImportNotes, ImportID,
}

// Label is the English name of the field, also its translation key.
func (f ImportField) Label() string {
	switch f {
	case ImportID:
		return "Client number"
	case ImportName:
		return "Name"
	case ImportGivenName:
		return "First name"
	case ImportMiddleName:
		return "Middle name"
	case ImportFamilyName:
		return "Last name"
	case ImportNickname:
		return "Nickname"
	case ImportPhone:
		return "Phone"
	case ImportEmail:
		return "Email"
	case ImportCity:
		return "City"
	case ImportAddress:
		return "Address"
	case ImportCompany:
		return "Company"
	case ImportChannel:
		return "Preferred channel"
	case ImportSince:
		return "Client since"
	case ImportBirthday:
		return "Birthday"
	case ImportLanguage:
		return "Language"
	case ImportTags:
		return "Tags"
	case ImportNotes:
		return "Notes"
	}
	return "(ignore)"
}

// headerKey reduces a column header to its lower-case letters, so "E-mail 2
// - Value", "email value" and "EmailValue" meet, and so do Google's numbered
// columns ("Phone 1 - Value", "Phone 2 - Value").
func headerKey(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// GuessField guesses the field a column holds from its header, as written by
// Google Contacts, Outlook, Thunderbird, Client Tracker's own export or a
// person's spreadsheet in English, Romanian or Russian. Type and label
// columns ("Phone 1 - Type"), fax numbers, work addresses and anything
// unknown are ImportIgnore; the owner can still map them by hand.
func GuessField(header string) ImportField {
	switch headerKey(header) {
	case "id", "clientid", "clientnumber":
		return ImportID
	case "name", "fullname", "displayname", "contactname", "clientname", "customername", "client", "customer",
		"numecomplet", "numeșiprenume", "numeşiprenume", "numesiprenume", "фио", "полноеимя", "клиент":
		return ImportName
	case "givenname", "firstname", "first", "forename", "prenume", "имя":
		return ImportGivenName
	case "middlename", "additionalname", "отчество":
		return ImportMiddleName
	case "familyname", "lastname", "last", "surname", "nume", "numedefamilie", "фамилия":
		// Romanian forms say "Nume" for the family name next to "Prenume";
		// alone, it still names the client because the name parts are joined.
		return ImportFamilyName
	case "nickname", "nick", "shortname", "porecla", "poreclă", "прозвище":
		return ImportNickname
	case "phone", "phones", "telephone", "tel", "phonevalue", "primaryphone", "homephone", "businessphone",
		"workphone", "otherphone", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone", "carphone",
		"companymainphone", "telefon", "telefonmobil", "mobil", "nrdetelefon", "телефон", "тел", "мобильный",
		"мобильныйтелефон", "сотовый":
		return ImportPhone
	case "email", "mail", "emailaddress", "emailvalue", "primaryemail", "secondaryemail", "workemail",
		"homeemail", "otheremail", "adresaemail", "adresădeemail", "почта", "электроннаяпочта", "эпочта":
		return ImportEmail
	case "city", "homecity", "workcity", "businesscity", "othercity", "addresscity", "town",
		"oraș", "oraş", "oras", "localitate", "город":
		return ImportCity
	case "address", "addressformatted", "homeaddress", "homestreet", "street",
		"adresa", "adresă", "адрес":
		return ImportAddress
	case "company", "companyname", "organization", "organisation", "organizationname", "organisationname",
		"firma", "firmă", "companie", "компания", "организация":
		return ImportCompany
	case "channel", "preferredchannel", "contactchannel", "canal", "канал":
		return ImportChannel
	case "since", "clientsince", "customersince", "clientdin", "клиентс":
		return ImportSince
	case "birthday", "dateofbirth", "birthdate", "dob", "bday", "ziuadenaștere", "ziuadenaştere",
		"ziuadenastere", "datanașterii", "datanaşterii", "datanasterii", "деньрождения", "датарождения":
		return ImportBirthday
	case "language", "lang", "limba", "limbă", "язык":
		return ImportLanguage
	case "tags", "tag", "labels", "groupmembership", "categories", "category", "groups",
		"etichete", "теги", "метки":
		return ImportTags
	case "notes", "note", "comments", "comment", "remarks", "observații", "observaţii", "observatii",
		"заметки", "примечание", "примечания", "комментарий":
		return ImportNotes
	}
	return ImportIgnore
}

// Mapping gives the field of each column of a table, in column order.
type Mapping []ImportField

// GuessMapping guesses the field of every column from its header.
func GuessMapping(header []string) Mapping {
	m := make(Mapping, len(header))
	for i, h := range header {
		m[i] = GuessField(h)
	}
	return m
}

// OwnExportExtraColumns are the columns of Client Tracker's own clients.csv
// beyond the import fields: what the store keeps or computes about a
// client. A client import ignores them; they only tell an own export (see
// isOwnExport) from another program's file. The store's export test keeps
// this list in step with what it writes.
var OwnExportExtraColumns = []string{
	"phones", "referred_by", "created_at", "updated_at", "lost_reason", "lost_text", "lost_on",
	"check_in_days", "do_not_contact", "quiet", "snoozed_until", "marked_vip", "marked_blacklist",
	"buys_only_here", "pinned_stage", "pin_reason", "stage", "last_contact", "next_check_in",
	"purchase_count", "total_spent", "balance_owed", "last_purchase",
}

// ownExportColumn reports whether h is a column name Client Tracker's own
// export writes.
func ownExportColumn(h string) bool {
	if slices.Contains(OwnExportExtraColumns, h) {
		return true
	}
	f := ImportField(h)
	return f != ImportIgnore && slices.Contains(ImportFields, f)
}

// IsOwnExport reports whether header is the header of Client Tracker's own
// clients.csv (every cell one of its column names).
func IsOwnExport(header []string) bool { return isOwnExport(header) }

// isOwnExport reports whether every header cell is one of our own column
// names: only then were the cells escaped by EscapeCell, and only then may
// UnescapeCell run without eating an apostrophe someone typed.
func isOwnExport(header []string) bool {
	for _, h := range header {
		if !ownExportColumn(h) {
			return false
		}
	}
	return len(header) > 0
}

// ImportRow is one record of an imported file made into a client.
type ImportRow struct {
	Line     int              // the file line the record starts on
	ID       int64            // from an ImportID column; 0 if none
	Client   Client           // normalised
	Problems *ValidationError // nil when the client is valid
	// Warnings are the fields left out of Client because they could not
	// be read (a birthday that is not a date, a phone that is not a
	// phone): the client is imported without them. nil when none.
	Warnings *ValidationError
}

// WarningText is ProblemText for the fields left out of the row, each
// line ending "left out", or "" when none was.
func (r ImportRow) WarningText() string {
	if r.Warnings == nil {
		return ""
	}
	lines := make([]string, len(r.Warnings.Fields))
	for i, fe := range r.Warnings.Fields {
		lines[i] = fmt.Sprintf("row %d: %s: %s Left out; the rest of the row is imported.", r.Line, fe.Field, fe.Text())
	}
	return strings.Join(lines, "\n")
}

// ProblemText returns one English line per problem, naming the file line,
// e.g. `row 17: email: "bob@" is not an email address; ...`, or "" when
// the row is valid. It is for logs and reports; a screen should translate
// each FieldError instead.
func (r ImportRow) ProblemText() string {
	if r.Problems == nil {
		return ""
	}
	lines := make([]string, len(r.Problems.Fields))
	for i, fe := range r.Problems.Fields {
		if fe.Field == "" {
			lines[i] = fmt.Sprintf("row %d: %s", r.Line, fe.Text())
		} else {
			lines[i] = fmt.Sprintf("row %d: %s: %s", r.Line, fe.Field, fe.Text())
		}
	}
	return strings.Join(lines, "\n")
}

// Clients makes a client of every row of t, filling fields by m (one entry
// per column; missing entries are ignored). Rows are never dropped: each
// comes back, with its problems when it is not a valid client.
//
// The name is the name column; else the given, middle and family names
// joined; else the nickname; else the company; else the part of the first
// email before the "@". A row with none of these is reported as "name
// required".
//
// A field fed by several columns takes the first non-empty value, except:
// phones are all kept; the first email is the client's and the others are
// added to the notes as "Other email: ..."; addresses are joined with ", ";
// notes are joined by line; tags are merged. A phone or email cell may hold
// several values separated by " ::: " (Google), ";" or ",". Tags are split
// like SplitList, or at " ::: " in Google's labels, where Google's system
// group "* myContacts" (every contact is in it) is dropped and the "* " of
// others ("* starred") is removed.
//
// Dates are read as YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, DD-MM-YYYY and, for
// birthdays, --MM-DD and --MMDD. In A/B/YYYY, whichever of A and B is over
// 12 is the day; when both are 12 or less the date is reported as a problem
// rather than guessed.
//
// Cells are unescaped with UnescapeCell only when every header cell is one
// of our own export's column names.
func (t *Table) Clients(m Mapping, today time.Time) []ImportRow {
	own := isOwnExport(t.Header)
	rows := make([]ImportRow, len(t.Rows))
	// Rows are independent: a large file is mapped in parts, one per core.
	parts := min(runtime.GOMAXPROCS(0), max(1, len(t.Rows)/clientsPerPart))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(rows)/parts, (p+1)*len(rows)/parts
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				rows[i] = t.client(i, m, own, today)
			}
		})
	}
	wg.Wait()
	return rows
}

// clientsPerPart is the fewest rows worth a goroutine of their own.
const clientsPerPart = 2000

// client maps row i of t.
func (t *Table) client(i int, m Mapping, own bool, today time.Time) ImportRow {
	return mapRow(t.Rows[i], t.line(i), m, own, today)
}

// mapRow makes the cells of a row that starts on the file's line into a
// client; own says the file is our own export, whose cells are escaped.
func mapRow(cells []string, line int, m Mapping, own bool, today time.Time) ImportRow {
	d := contactDraft{line: line}
	for col, f := range m {
		if col >= len(cells) {
			break
		}
		v := cells[col]
		if own {
			v = UnescapeCell(v)
		}
		d.set(f, v)
	}
	return d.row(today)
}

// contactDraft gathers what one record of a file says about a client before
// the parts are put together, so the CSV and vCard readers share the rules.
type contactDraft struct {
	line                                  int
	id                                    int64
	c                                     Client
	name, given, middle, family, nickname string
	emails, addresses, notes              []string
	problems                              ValidationError
}

// fieldID names the client number in row problems.
const fieldID = "id"

// set records value v of field f; blank values, and what exporters write
// for blank (emptyPlaceholder), say nothing.
func (d *contactDraft) set(f ImportField, v string) {
	v = strings.TrimSpace(v)
	if v == "" || emptyPlaceholder(f, v) {
		return
	}
	switch f {
	case ImportID:
		d.setID(v)
	case ImportName:
		setFirst(&d.name, v)
	case ImportGivenName:
		setFirst(&d.given, v)
	case ImportMiddleName:
		setFirst(&d.middle, v)
	case ImportFamilyName:
		setFirst(&d.family, v)
	case ImportNickname:
		setFirst(&d.nickname, v)
	case ImportPhone:
		d.c.Phones = append(d.c.Phones, splitValues(v)...)
	case ImportEmail:
		d.emails = append(d.emails, splitValues(v)...)
	case ImportCity:
		setFirst(&d.c.City, v)
	case ImportAddress:
		d.addresses = append(d.addresses, v)
	case ImportCompany:
		setFirst(&d.c.Company, v)
	case ImportChannel:
		d.setChannel(v)
	case ImportSince:
		d.setSince(v)
	case ImportBirthday:
		d.setBirthday(v)
	case ImportLanguage:
		setFirst(&d.c.Language, v)
	case ImportTags:
		d.c.Tags = append(d.c.Tags, splitTags(v)...)
	case ImportNotes:
		d.notes = append(d.notes, v)
	}
}

func setFirst(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func (d *contactDraft) setID(v string) {
	if d.id != 0 {
		return
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		d.problems.add(fieldID, "\"{{.Value}}\" is not a client number.", "Value", v)
		return
	}
	d.id = id
}

func (d *contactDraft) setChannel(v string) {
	if d.c.Channel != ChannelNone {
		return
	}
	ch, ok := parseChannel(v)
	if !ok {
		d.problems.add(FieldChannel, "\"{{.Value}}\" is not a contact channel; use phone, message, email or in_person.", "Value", v)
		return
	}
	d.c.Channel = ch
}

// parseChannel reads our own channel values and their English labels.
func parseChannel(v string) (Channel, bool) {
	key := headerKey(v)
	for _, ch := range Channels {
		if key == headerKey(string(ch)) || key == headerKey(ch.Label()) {
			return ch, true
		}
	}
	switch key {
	case "call", "telephone":
		return ChannelPhone, true
	case "sms", "text", "messenger":
		return ChannelMessage, true
	case "mail":
		return ChannelEmail, true
	case "visit":
		return ChannelInPerson, true
	case "nopreference", "none":
		return ChannelNone, true
	}
	return ChannelNone, false
}

func (d *contactDraft) setSince(v string) {
	if !d.c.Since.IsZero() {
		return
	}
	y, m, day, msg := parseDateParts(v)
	if msg == "" && (y == 0 || !validDay(y, m, day)) {
		msg = msgNotADate
	}
	if msg != "" {
		d.problems.add(FieldSince, msg, "Value", v)
		return
	}
	d.c.Since = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(time.Month(m), y)
}

func (d *contactDraft) setBirthday(v string) {
	if !d.c.Birthday.IsZero() {
		return
	}
	y, m, day, msg := parseDateParts(v)
	if msg != "" {
		d.problems.add(FieldBirthday, msg, "Value", v)
		return
	}
	if y == appleNoYear {
		y = 0
	}
	// An impossible day is kept for Validate, which says what is wrong.
	d.c.Birthday = Birthday{Day: day, Month: time.Month(m), Year: y}
}

// Date problems, as FieldError messages with the cell as {{.Value}}.
const (
	msgNotADate     = "\"{{.Value}}\" is not a date that can be read; write it as YYYY-MM-DD, for example 1990-05-31."
	msgAmbiguousDay = "\"{{.Value}}\" could be day/month or month/day; write it as YYYY-MM-DD, for example 1990-05-31."
)

// parseDateParts reads a calendar day in the forms listed at Table.Clients;
// the year is 0 in --MM-DD. A time after the date ("T10:00", " 0:00", as
// spreadsheets add) is ignored. It does not check that the day exists.
// msg is msgNotADate or msgAmbiguousDay when s cannot be read.
func parseDateParts(s string) (y, m, d int, msg string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "T "); i >= 8 {
		s = s[:i]
	}
	if rest, ok := strings.CutPrefix(s, "--"); ok {
		rest = strings.Replace(rest, "-", "", 1)
		if len(rest) == 4 && allASCIIDigits(rest) {
			m, _ = atoiOK(rest[:2])
			d, _ = atoiOK(rest[2:])
			return 0, m, d, ""
		}
		return 0, 0, 0, msgNotADate
	}
	if len(s) == 8 && allASCIIDigits(s) {
		y, _ = atoiOK(s[:4])
		m, _ = atoiOK(s[4:6])
		d, _ = atoiOK(s[6:])
		return y, m, d, ""
	}
	return parseSeparatedDate(s)
}

// parseSeparatedDate reads dates of three numbers separated by '-', '.' or
// '/', with a four-digit year first or last.
func parseSeparatedDate(s string) (y, m, d int, msg string) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '.' || r == '/' })
	if len(parts) != 3 || len(parts[1]) > 2 {
		return 0, 0, 0, msgNotADate
	}
	var n [3]int
	for i, p := range parts {
		v, ok := atoiOK(p)
		if !ok {
			return 0, 0, 0, msgNotADate
		}
		n[i] = v
	}
	switch {
	case len(parts[0]) == 4 && len(parts[2]) <= 2:
		return n[0], n[1], n[2], ""
	case len(parts[2]) != 4 || len(parts[0]) > 2:
		return 0, 0, 0, msgNotADate
	case !strings.Contains(s, "/"):
		// Dots and dashes with the year last are the European order.
		return n[2], n[1], n[0], ""
	case n[0] > 12:
		return n[2], n[1], n[0], ""
	case n[1] > 12 || n[0] == n[1]:
		return n[2], n[0], n[1], ""
	}
	return 0, 0, 0, msgAmbiguousDay
}

func allASCIIDigits(s string) bool {
	_, ok := atoiOK(s)
	return ok
}

// splitValues splits a cell that may hold several phones or emails, and
// removes the "* " Google puts before a primary value.
func splitValues(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ":::") {
		for _, s := range strings.FieldsFunc(part, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
			s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "* "))
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// splitTags splits a tags cell; see Table.Clients for Google's labels.
func splitTags(v string) []string {
	if !strings.Contains(v, ":::") && !strings.HasPrefix(v, "* ") {
		return SplitList(v)
	}
	var out []string
	for _, s := range strings.Split(v, ":::") {
		s = strings.TrimSpace(s)
		label, system := strings.CutPrefix(s, "* ")
		if system && headerKey(label) == "mycontacts" {
			continue
		}
		if label = strings.TrimSpace(label); label != "" {
			out = append(out, label)
		}
	}
	return out
}

// row puts the draft together into a normalised, validated client. What
// cannot be read in an optional field (a birthday, a client since day, a
// channel, a phone that is not a phone, an email that is not an email, a
// text over its length) is left out with a warning, so the client is
// still imported; only a row with no name, phone or email to know the
// client by is refused (Problems).
func (d *contactDraft) row(today time.Time) ImportRow {
	c := d.c
	warn := &ValidationError{Fields: slices.Clone(d.problems.Fields)}
	var emails []string
	for _, e := range dedupeFold(d.emails, strings.ToLower) {
		if msg := validateEmail(e); msg != "" {
			warn.add(FieldEmail, msg, "Email", e)
			continue
		}
		emails = append(emails, e)
	}
	if len(emails) > 0 {
		c.Email = emails[0]
	}
	notes := d.notes
	if len(emails) > 1 {
		notes = append(slices.Clip(notes), "Other email: "+strings.Join(emails[1:], ", "))
	}
	c.Notes = strings.Join(notes, "\n")
	c.Address = strings.Join(d.addresses, ", ")
	var phones []string
	for _, p := range dedupeFold(c.Phones, phoneKey) {
		if msg, data := ValidatePhone(p); msg != "" {
			fe := FieldError{Field: FieldPhones, Message: "{{.Phone}}: " + msg, Data: map[string]any{"Phone": p}}
			maps.Copy(fe.Data, data)
			warn.Fields = append(warn.Fields, fe)
			continue
		}
		phones = append(phones, p)
	}
	if len(phones) > MaxPhones {
		warn.add(FieldPhones, "Only the first {{.Max}} phone numbers are kept; {{.Left}} more were left out: {{.Phones}}.",
			"Max", MaxPhones, "Left", len(phones)-MaxPhones, "Phones", strings.Join(phones[MaxPhones:], ", "))
		phones = phones[:MaxPhones]
	}
	c.Phones = phones
	c.Name = d.fullName(c, emails)
	c.Normalize()

	r := ImportRow{Line: d.line, ID: d.id, Client: c}
	if ve, ok := AsValidation(c.Validate(today)); ok {
		for _, fe := range ve.Fields {
			if !dropField(&r.Client, fe.Field) {
				continue
			}
			warn.Fields = append(warn.Fields, fe)
		}
		if ve, ok := AsValidation(r.Client.Validate(today)); ok {
			r.Problems = ve
		}
	}
	if len(warn.Fields) > 0 {
		slices.SortStableFunc(warn.Fields, func(a, b FieldError) int { return fieldRank(a.Field) - fieldRank(b.Field) })
		r.Warnings = warn
	}
	return r
}

// dropField clears the optional field of c named field, reporting whether
// it could be left out; the name cannot.
func dropField(c *Client, field string) bool {
	switch field {
	case FieldPhones:
		c.Phones = nil
	case FieldEmail:
		c.Email = ""
	case FieldCity:
		c.City = ""
	case FieldAddress:
		c.Address = ""
	case FieldCompany:
		c.Company = ""
	case FieldLanguage:
		c.Language = ""
	case FieldNotes:
		c.Notes = ""
	case FieldChannel:
		c.Channel = ChannelNone
	case FieldSince:
		c.Since = time.Time{}
	case FieldBirthday:
		c.Birthday = Birthday{}
	case FieldTags:
		c.Tags = nil
	default:
		return false
	}
	return true
}

// appleNoYear is the year Apple's Contacts writes in a birthday whose year
// is not known (BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-31).
const appleNoYear = 1604

// emptyPlaceholder reports whether v is what an exporter writes in field f
// for "nothing": Outlook's 0/0/00 and 1/1/1601 (the first day its clock
// counts from) for an empty date, and "Unknown", "N/A", "(none)" and the
// like in a field that has no such value. A name, note or tag is never a
// placeholder: a client may well be called "None".
func emptyPlaceholder(f ImportField, v string) bool {
	switch f {
	case ImportName, ImportGivenName, ImportMiddleName, ImportFamilyName, ImportNickname, ImportNotes, ImportTags:
		return false
	case ImportSince, ImportBirthday:
		if strings.Trim(v, "0/.- ") == "" {
			return true // 0/0/00, 00.00.0000, 0000-00-00
		}
		if !strings.Contains(v, "1601") {
			break // most dates: not read twice
		}
		if y, m, d, msg := parseDateParts(v); msg == "" && y == 1601 && m == 1 && d == 1 {
			return true
		}
	}
	v = strings.Trim(v, "()[] ")
	if len(v) > len("not specified") || v == "" || !emptyStarts[v[0]] {
		return false // most values: no placeholder is this long, or starts so
	}
	for _, p := range emptyWords {
		if strings.EqualFold(v, p) {
			return true
		}
	}
	return false
}

// emptyWords are the words exporters write for "nothing" in any field
// but a name, note or tag, compared without case (emptyPlaceholder).
var emptyWords = []string{"unknown", "unspecified", "n/a", "none", "null", "nil", "-", "--", "—", "not set", "not specified"}

// emptyStarts are the bytes a value can start with and still be one of
// emptyWords without regard to case: the first bytes of the characters
// that fold to the first letter of one (EqualFold compares character by
// character). A phone, a date, an address or most cities start otherwise
// and are not compared with every word; a bulk import reads several such
// values a row.
var emptyStarts = func() (starts [256]bool) {
	for _, w := range emptyWords {
		first, _ := utf8.DecodeRuneInString(w)
		for r := first; ; {
			var b [utf8.UTFMax]byte
			utf8.EncodeRune(b[:], r)
			starts[b[0]] = true
			if r = unicode.SimpleFold(r); r == first {
				break
			}
		}
	}
	return starts
}()

// fullName is the best name the record offers; see Table.Clients.
func (d *contactDraft) fullName(c Client, emails []string) string {
	if d.name != "" {
		return d.name
	}
	parts := slices.DeleteFunc([]string{d.given, d.middle, d.family}, func(s string) bool { return s == "" })
	if len(parts) > 0 {
		return strings.Join(parts, " ")
	}
	if d.nickname != "" {
		return d.nickname
	}
	if c.Company != "" {
		return c.Company
	}
	if len(emails) > 0 {
		if local, _, ok := strings.Cut(emails[0], "@"); ok {
			return local
		}
	}
	// A number alone still says who to call: the client is named by it
	// until the owner types a name.
	if len(c.Phones) > 0 {
		return c.Phones[0]
	}
	return ""
}

// phoneKey makes "+1 555-0123" and "+1 (555) 0123" the same number.
func phoneKey(p string) string {
	if digits := PhoneDigits(p); digits != "" {
		return digits
	}
	return strings.ToLower(p)
}

// dedupeFold drops blank items and items whose key repeats an earlier one.
func dedupeFold(in []string, key func(string) string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[key(s)] {
			continue
		}
		seen[key(s)] = true
		out = append(out, s)
	}
	return out
}

// fieldRank orders row problems as the client form orders its fields.
func fieldRank(field string) int {
	order := [...]string{fieldID, FieldName, FieldPhones, FieldEmail, FieldCity, FieldAddress, FieldCompany,
		FieldChannel, FieldSince, FieldBirthday, FieldLanguage, FieldReferredBy, FieldTags, FieldNotes}
	if i := slices.Index(order[:], field); i >= 0 {
		return i
	}
	return len(order)
}
