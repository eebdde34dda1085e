package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// importTestToday is the fixed "today" of the import tests.
var importTestToday = time.Date(2026, time.November, 23, 10, 30, 0, 0, time.UTC)

func TestGuessField(t *testing.T) {
	tests := []struct {
		header string
		want   ImportField
	}{
		// Google Contacts, older and current exports.
		{"Name", ImportName},
		{"Given Name", ImportGivenName},
		{"Additional Name", ImportMiddleName},
		{"Family Name", ImportFamilyName},
		{"Nickname", ImportNickname},
		{"Birthday", ImportBirthday},
		{"Notes", ImportNotes},
		{"Language", ImportLanguage},
		{"Group Membership", ImportTags},
		{"Labels", ImportTags},
		{"E-mail 1 - Type", ImportIgnore},
		{"E-mail 1 - Value", ImportEmail},
		{"E-mail 2 - Value", ImportEmail},
		{"E-mail 2 - Label", ImportIgnore},
		{"Phone 1 - Type", ImportIgnore},
		{"Phone 1 - Label", ImportIgnore},
		{"Phone 1 - Value", ImportPhone},
		{"Phone 12 - Value", ImportPhone},
		{"Address 1 - Formatted", ImportAddress},
		{"Address 1 - Street", ImportIgnore}, // part of Formatted
		{"Address 1 - City", ImportCity},
		{"Organization 1 - Name", ImportCompany},
		{"Organization 1 - Title", ImportIgnore},
		{"Organization Name", ImportCompany},
		{"First Name", ImportGivenName},
		{"Middle Name", ImportMiddleName},
		{"Last Name", ImportFamilyName},
		{"Website 1 - Value", ImportIgnore},
		{"Yomi Name", ImportIgnore},
		// Outlook.
		{"E-mail Address", ImportEmail},
		{"E-mail 2 Address", ImportEmail},
		{"E-mail Display Name", ImportIgnore},
		{"Mobile Phone", ImportPhone},
		{"Business Phone", ImportPhone},
		{"Home Phone 2", ImportPhone},
		{"Primary Phone", ImportPhone},
		{"Business Fax", ImportIgnore},
		{"Home Street", ImportAddress},
		{"Home City", ImportCity},
		{"Company", ImportCompany},
		{"Categories", ImportTags},
		{"Surname", ImportFamilyName},
		// Thunderbird.
		{"Display Name", ImportName},
		{"Primary Email", ImportEmail},
		{"Secondary Email", ImportEmail},
		{"Work Email", ImportEmail},
		{"Work Phone", ImportPhone},
		{"Mobile Number", ImportPhone},
		{"Fax Number", ImportIgnore},
		{"Home Address", ImportAddress},
		{"Work City", ImportCity},
		{"Organization", ImportCompany},
		{"Web Page 1", ImportIgnore},
		// People's own spreadsheets.
		{"  FULL NAME ", ImportName},
		{"e-mail", ImportEmail},
		{"mail", ImportEmail},
		{"mobile", ImportPhone},
		{"cell", ImportPhone},
		{"tel.", ImportPhone},
		{"Date of birth", ImportBirthday},
		{"comments", ImportNotes},
		{"note", ImportNotes},
		{"Client since", ImportSince},
		{"Whatever", ImportIgnore},
		{"", ImportIgnore},
		// Romanian.
		{"Nume", ImportFamilyName},
		{"Prenume", ImportGivenName},
		{"Nume și prenume", ImportName},
		{"Telefon", ImportPhone},
		{"Oraș", ImportCity},
		{"Adresă", ImportAddress},
		{"Data nașterii", ImportBirthday},
		{"Observații", ImportNotes},
		// Russian.
		{"Имя", ImportGivenName},
		{"Фамилия", ImportFamilyName},
		{"Отчество", ImportMiddleName},
		{"ФИО", ImportName},
		{"Телефон", ImportPhone},
		{"Город", ImportCity},
		{"Дата рождения", ImportBirthday},
		{"Примечание", ImportNotes},
		// Our own export.
		{"id", ImportID},
		{"given_name", ImportGivenName},
		{"middle_name", ImportMiddleName},
		{"family_name", ImportFamilyName},
		{"phones", ImportPhone},
		{"since", ImportSince},
		{"channel", ImportChannel},
	}
	for _, tt := range tests {
		if got := GuessField(tt.header); got != tt.want {
			t.Errorf("GuessField(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestImportFieldsOwnNamesMapToThemselves(t *testing.T) {
	for _, f := range ImportFields {
		if f == ImportIgnore {
			if f.Label() != "(ignore)" {
				t.Errorf("ImportIgnore.Label() = %q", f.Label())
			}
			continue
		}
		if got := GuessField(string(f)); got != f {
			t.Errorf("GuessField(%q) = %q", f, got)
		}
		if f.Label() == "(ignore)" || f.Label() == "" {
			t.Errorf("%q has no label", f)
		}
	}
}

// readTestdata reads a file of ../testdata/import as a table.
func readTestdata(t *testing.T, name string) *Table {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTable(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

// mustValid fails unless every row is a valid client.
func mustValid(t *testing.T, rows []ImportRow) {
	t.Helper()
	for _, r := range rows {
		if r.Problems != nil {
			t.Errorf("unexpected problems:\n%s", r.ProblemText())
		}
	}
}

func TestClientsFromRealFiles(t *testing.T) {
	type want struct {
		line                          int
		name, email, company, address string
		phones                        []string
	}
	tests := []struct {
		file string
		sep  rune
		want []want
	}{
		{"google-legacy.csv", ',', []want{
			{line: 2, name: "Richard Feynman", email: "rich@caltech.edu"},
			{line: 3, name: "iforgotthisguysnamebutihavehisemail", email: "iforgotthisguysnamebutihavehisemail@gmail.com"},
			{line: 4, name: "Elon Musk", email: "elon.musk@tesla.com"},
		}},
		{"google.csv", ',', []want{
			{2, "John Doe", "john@example.com", "Acme Corp", "123 Main St, San Francisco, CA", []string{"+1-555-0123"}},
			{3, "Jane Smith", "jane@example.com", "Tech Co", "456 Tech Blvd, San Jose, CA", []string{"+1-555-0124"}},
			{4, "Bob Wilson", "bob@startup.com", "Startup Inc", "", nil},
			{5, "Alice Brown", "alice.brown@email.com", "AI Labs", "789 AI Way, Palo Alto, CA", []string{"+1-555-0125"}},
		}},
		{"thunderbird.csv", ',', []want{
			{line: 2, name: "John Doe", email: "john@doe.invalid"},
			{line: 3, name: "Jane Doe", email: "jane@doe.invalid"},
		}},
		{"thunderbird-semicolon.csv", ';', []want{
			{line: 2, name: "John Doe", email: "john@doe.invalid"},
			{line: 3, name: "Jane Doe", email: "jane@doe.invalid"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab := readTestdata(t, tt.file)
			if tab.Sep != tt.sep || tab.Encoding != EncodingUTF8 {
				t.Errorf("Sep %q Encoding %q", tab.Sep, tab.Encoding)
			}
			rows := tab.Clients(GuessMapping(tab.Header), importTestToday)
			mustValid(t, rows)
			if len(rows) != len(tt.want) {
				t.Fatalf("%d clients, want %d", len(rows), len(tt.want))
			}
			for i, w := range tt.want {
				c := rows[i].Client
				got := want{rows[i].Line, c.Name, c.Email, c.Company, c.Address, c.Phones}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("row %d = %+v, want %+v", i, got, w)
				}
			}
		})
	}
}

func TestGuessMappingGoogleLegacy(t *testing.T) {
	tab := readTestdata(t, "google-legacy.csv")
	m := GuessMapping(tab.Header)
	counts := map[ImportField]int{}
	for _, f := range m {
		counts[f]++
	}
	want := map[ImportField]int{
		ImportIgnore: 38, ImportName: 1, ImportGivenName: 1, ImportMiddleName: 1, ImportFamilyName: 1,
		ImportNickname: 2, ImportBirthday: 1, ImportNotes: 1, ImportLanguage: 1, ImportTags: 1,
		ImportEmail: 2, ImportPhone: 3, ImportAddress: 1, ImportCity: 1, ImportCompany: 1,
	}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("fields guessed %v, want %v", counts, want)
	}
}

// clientsOf reads csv text and makes clients with the guessed mapping.
func clientsOf(t *testing.T, csv string) []ImportRow {
	t.Helper()
	tab, err := ReadTable(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	return tab.Clients(GuessMapping(tab.Header), importTestToday)
}

func TestClientsSeveralEmailsAndPhones(t *testing.T) {
	rows := clientsOf(t, "Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,Phone 2 - Value,Group Membership,Notes\n"+
		"Ana,* Home,* ana@example.com ::: ana2@example.org,\"ana3@example.net; ANA@example.com\","+
		"+40 721 234 567 ::: 0721-234-567,+40 (721) 234 567,* myContacts ::: * starred ::: Friends ::: VIP,likes red\n")
	mustValid(t, rows)
	c := rows[0].Client
	if c.Email != "ana@example.com" {
		t.Errorf("Email = %q", c.Email)
	}
	if want := []string{"+40 721 234 567", "0721-234-567"}; !reflect.DeepEqual(c.Phones, want) {
		t.Errorf("Phones = %q, want %q", c.Phones, want)
	}
	if want := "likes red\nOther email: ana2@example.org, ana3@example.net"; c.Notes != want {
		t.Errorf("Notes = %q, want %q", c.Notes, want)
	}
	if want := []string{"starred", "Friends", "VIP"}; !reflect.DeepEqual(c.Tags, want) {
		t.Errorf("Tags = %q, want %q", c.Tags, want)
	}
}

func TestClientsName(t *testing.T) {
	const header = "Name,First Name,Middle Name,Last Name,Nickname,Company,Email\n"
	tests := []struct {
		name, row, want string
	}{
		{"NameColumn", "Ana Pop,A,B,C,Nick,Firm,a@example.com", "Ana Pop"},
		{"Parts", ",Ion,Ilie,Popescu,Nick,Firm,a@example.com", "Ion Ilie Popescu"},
		{"SomeParts", ",,,Popescu,Nick,,", "Popescu"},
		{"Nickname", ",,,,Nick,Firm,a@example.com", "Nick"},
		{"Company", ",,,,,Firm,a@example.com", "Firm"},
		{"EmailLocalPart", ",,,,,,ana.pop@example.com", "ana.pop"},
		{"Armenian", "Հովհաննես Սարգսյան,,,,,,", "Հովհաննես Սարգսյան"},
		{"Georgian", ",ნინო,,ბერიძე,,,", "ნინო ბერიძე"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := clientsOf(t, header+tt.row+"\n")
			mustValid(t, rows)
			if got := rows[0].Client.Name; got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClientsNeverDropsRows(t *testing.T) {
	rows := clientsOf(t, "Name,Phone,Email,Fax\n"+
		"Ana,123456,,\n"+
		",,,555-1234\n"+ // only an ignored column: still a row, to be fixed
		"Ion,12,bob@,\n")
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	if rows[0].Problems != nil {
		t.Errorf("row 2: %s", rows[0].ProblemText())
	}
	if got := problemFields(rows[1]); !reflect.DeepEqual(got, []string{FieldName}) {
		t.Errorf("row 3 problems %v, want name", got)
	}
	// A phone and an email that cannot be read are left out, not the client.
	if r := rows[2]; r.Problems != nil || r.Client.Name != "Ion" || len(r.Client.Phones) != 0 || r.Client.Email != "" {
		t.Errorf("row 4 = %+v, problems %v; want Ion without phone and email", r.Client, problemFields(r))
	}
	if got := warningFields(rows[2]); !reflect.DeepEqual(got, []string{FieldPhones, FieldEmail}) {
		t.Errorf("row 4 warnings %v, want phones and email", got)
	}
}

func warningFields(r ImportRow) []string {
	if r.Warnings == nil {
		return nil
	}
	var fs []string
	for _, f := range r.Warnings.Fields {
		fs = append(fs, f.Field)
	}
	return fs
}

func warningFor(r ImportRow, field string) (FieldError, bool) {
	if r.Warnings == nil {
		return FieldError{}, false
	}
	return r.Warnings.For(field)
}

func problemFields(r ImportRow) []string {
	if r.Problems == nil {
		return nil
	}
	var fs []string
	for _, f := range r.Problems.Fields {
		fs = append(fs, f.Field)
	}
	return fs
}

func TestClientsDates(t *testing.T) {
	tests := []struct {
		in       string
		since    string // ISO, or "" when the day is left out with a warning
		birthday Birthday
		problem  string // the warning expected for the birthday, if any
	}{
		{"2020-03-04", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"20200304", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"04.03.2020", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"4.3.2020", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"04-03-2020", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"2020/3/4", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"13/03/2020", "2020-03-13", Birthday{13, time.March, 2020}, ""},
		{"03/13/2020", "2020-03-13", Birthday{13, time.March, 2020}, ""},
		{"3/3/2020", "2020-03-03", Birthday{3, time.March, 2020}, ""},
		{"2020-03-04T10:00:00Z", "2020-03-04", Birthday{4, time.March, 2020}, ""},
		{"3/4/2020 0:00", "", Birthday{}, msgAmbiguousDay},
		{"03/04/2020", "", Birthday{}, msgAmbiguousDay},
		{"--05-10", "", Birthday{10, time.May, 0}, ""},
		{"--0510", "", Birthday{10, time.May, 0}, ""},
		{"31.02.2020", "", Birthday{}, "That month has no such day; check the birthday."},
		{"next week", "", Birthday{}, msgNotADate},
		{"04.03.20", "", Birthday{}, msgNotADate},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			rows := clientsOf(t, "Name,Client since,Birthday\nAna,\""+tt.in+"\",\""+tt.in+"\"\n")
			r := rows[0]
			if got := FormatDate(r.Client.Since); got != tt.since {
				t.Errorf("Since = %q, want %q", got, tt.since)
			}
			if r.Problems != nil {
				t.Errorf("a date that cannot be read refused the row:\n%s", r.ProblemText())
			}
			_, sinceWarned := warningFor(r, FieldSince)
			if sinceWarned != (tt.since == "") {
				t.Errorf("since warning %v, want %v:\n%s", sinceWarned, tt.since == "", r.WarningText())
			}
			if r.Client.Birthday != tt.birthday {
				t.Errorf("Birthday = %+v, want %+v", r.Client.Birthday, tt.birthday)
			}
			fe, ok := warningFor(r, FieldBirthday)
			if ok != (tt.problem != "") || fe.Message != tt.problem {
				t.Errorf("birthday warning %q, want %q", fe.Message, tt.problem)
			}
		})
	}
}

func TestClientsChannelLanguageID(t *testing.T) {
	rows := clientsOf(t, "Client ID,Name,Channel,Language\n"+
		"17,Ana,In person,ro\n"+
		"x,Ion,sms,\n"+
		",Maria,fax,\n")
	if r := rows[0]; r.ID != 17 || r.Client.Channel != ChannelInPerson || r.Client.Language != "ro" || r.Problems != nil {
		t.Errorf("row 2 = %+v", r)
	}
	if r := rows[1]; r.ID != 0 || r.Client.Channel != ChannelMessage || r.Problems != nil || !reflect.DeepEqual(warningFields(r), []string{fieldID}) {
		t.Errorf("row 3 = ID %d, channel %q, problems %v, warnings %v", r.ID, r.Client.Channel, problemFields(r), warningFields(r))
	}
	if r := rows[2]; r.Client.Channel != ChannelNone || r.Problems != nil || !reflect.DeepEqual(warningFields(r), []string{FieldChannel}) {
		t.Errorf("row 4 = channel %q, problems %v, warnings %v", r.Client.Channel, problemFields(r), warningFields(r))
	}
}

func TestClientsOwnExportRoundTrip(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, DefaultCSVOptions(","))
	records := [][]string{
		{"id", "name", "phones", "email", "channel", "since", "birthday", "tags", "notes"},
		{"4", "=HYPERLINK(\"x\")", "+374 10 12-34-56, +40 721 234 567", "a@example.com", "in_person", "2024-01-31", "--02-29", "vip, 'quoted", "-5 on the bill\n'note"},
	}
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
	rows := tab.Clients(GuessMapping(tab.Header), importTestToday)
	mustValid(t, rows)
	r := rows[0]
	want := Client{
		Name: "=HYPERLINK(\"x\")", Phones: []string{"+374 10 12-34-56", "+40 721 234 567"}, Email: "a@example.com",
		Channel: ChannelInPerson, Since: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), Birthday: Birthday{29, time.February, 0},
		Tags: []string{"vip", "'quoted"}, Notes: "-5 on the bill\n'note",
	}
	if r.ID != 4 || !reflect.DeepEqual(r.Client, want) {
		t.Errorf("got ID %d %+v\nwant %+v", r.ID, r.Client, want)
	}
}

func TestClientsForeignFileKeepsApostrophes(t *testing.T) {
	rows := clientsOf(t, "Name,Notes\n'=x,'-5 is data here\n")
	if c := rows[0].Client; c.Name != "'=x" || c.Notes != "'-5 is data here" {
		t.Errorf("Name %q Notes %q: a foreign file must not be unescaped", c.Name, c.Notes)
	}
}

func TestClientsLinesAndProblemText(t *testing.T) {
	rows := clientsOf(t, "Name,Notes,Email\n"+
		"Ana,\"three\nline\nnote\",ana@example.com\n"+
		"\n"+
		"Bob,,bob@\n"+
		",,\n"+
		",,\n")
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	if rows[0].Line != 2 || rows[1].Line != 6 {
		t.Errorf("lines %d, %d; want 2, 6", rows[0].Line, rows[1].Line)
	}
	want := `row 6: email: "bob@" is not an email address; it should look like name@example.com. Left out; the rest of the row is imported.`
	if got := rows[1].WarningText(); got != want {
		t.Errorf("WarningText() =\n%s\nwant\n%s", got, want)
	}
	if got := rows[1].ProblemText(); got != "" {
		t.Errorf("a bad email refused the row: %q", got)
	}
	if got := rows[0].ProblemText(); got != "" {
		t.Errorf("valid row has ProblemText %q", got)
	}
}

func TestProblemTextOrderAndLines(t *testing.T) {
	tab := &Table{
		Header: []string{"Birthday", "Email", "Name"},
		Rows:   [][]string{{"next week", "nope", ""}},
		Lines:  []int{17},
	}
	r := tab.Clients(GuessMapping(tab.Header), importTestToday)[0]
	// Nothing left to know the client by: the row is refused, and says
	// what else could not be read.
	if got := r.ProblemText(); !strings.HasPrefix(got, "row 17: name: ") || strings.Contains(got, "\n") {
		t.Errorf("ProblemText() =\n%s", got)
	}
	lines := strings.Split(r.WarningText(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "row 17: email: ") || !strings.HasPrefix(lines[1], "row 17: birthday: ") {
		t.Errorf("WarningText() =\n%s", r.WarningText())
	}
}

func TestClientsShortMapping(t *testing.T) {
	tab := &Table{Header: []string{"Name", "Email"}, Rows: [][]string{{"Ana", "nope"}}, Lines: []int{2}}
	rows := tab.Clients(Mapping{ImportName}, importTestToday)
	if rows[0].Problems != nil || rows[0].Client.Email != "" {
		t.Errorf("an unmapped column was read: %+v", rows[0])
	}
	rows = tab.Clients(Mapping{ImportName, ImportEmail, ImportPhone}, importTestToday)
	if rows[0].Problems != nil || !slices.Equal(warningFields(rows[0]), []string{FieldEmail}) {
		t.Errorf("problems %v, warnings %v; want an email warning", problemFields(rows[0]), warningFields(rows[0]))
	}
}

// TestClientsLargeFileKeepsOrder maps a file large enough to be split
// between goroutines: every row comes back in its place, with its line.
func TestClientsLargeFileKeepsOrder(t *testing.T) {
	const n = 3*clientsPerPart + 17
	var b strings.Builder
	b.WriteString("Name,Email\n")
	for i := range n {
		if i%1000 == 5 {
			fmt.Fprintf(&b, "Client %d,not-an-email\n", i)
			continue
		}
		fmt.Fprintf(&b, "Client %d,c%d@example.com\n", i, i)
	}
	rows := clientsOf(t, b.String())
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	for i, r := range rows {
		if want := fmt.Sprintf("Client %d", i); r.Client.Name != want || r.Line != i+2 {
			t.Fatalf("row %d is %q on line %d, want %q on line %d", i, r.Client.Name, r.Line, want, i+2)
		}
		if bad := i%1000 == 5; bad != (r.Warnings != nil) || r.Problems != nil {
			t.Errorf("row %d (line %d): problems %v, warnings %v, want warnings: %v", i, r.Line, r.Problems, r.Warnings, bad)
		}
	}
}

// TestEmptyPlaceholder: what exporters write for "nothing" is empty in the
// fields that cannot hold such a word, in any case and in brackets; a
// value that only looks like one (longer, a real name or number) is kept.
func TestEmptyPlaceholder(t *testing.T) {
	for _, tt := range []struct {
		f    ImportField
		v    string
		want bool
	}{
		{ImportCity, "Unknown", true},
		{ImportCity, "UNKNOWN", true},
		{ImportCity, "(none)", true},
		{ImportCity, "[N/A]", true},
		{ImportCompany, "n/a", true},
		{ImportCompany, "Not specified", true},
		{ImportCompany, "NULL", true},
		{ImportEmail, "—", true},
		{ImportEmail, "--", true},
		{ImportPhone, "-", true},
		{ImportBirthday, "0/0/00", true},
		{ImportBirthday, "00.00.0000", true},
		{ImportBirthday, "1/1/1601", true},
		{ImportSince, "1601-01-01", true},
		{ImportBirthday, "2/1/1601", false},
		{ImportBirthday, "1980-05-31", false},
		{ImportPhone, "+374 95 430752", false},
		{ImportPhone, "0", false},
		{ImportCity, "", false},
		{ImportCity, "Nonesuch", false},
		{ImportCity, "Unknown Street 5", false},
		{ImportCity, "Ереван", false},
		{ImportCity, "Ünknown", false},
		{ImportCompany, "ＮＯＮＥ", false}, // full-width letters are not a placeholder
		{ImportName, "None", false},
		{ImportNotes, "N/A", false},
		{ImportTags, "unknown", false},
	} {
		if got := emptyPlaceholder(tt.f, tt.v); got != tt.want {
			t.Errorf("emptyPlaceholder(%v, %q) = %v, want %v", tt.f, tt.v, got, tt.want)
		}
	}
	// Every word, however it is cased.
	for _, w := range emptyWords {
		first, size := utf8.DecodeRuneInString(w)
		for _, v := range []string{w, strings.ToUpper(w), string(unicode.ToUpper(first)) + w[size:], "(" + w + ")"} {
			if !emptyPlaceholder(ImportCity, v) {
				t.Errorf("emptyPlaceholder(city, %q) = false, want true", v)
			}
		}
	}
}
