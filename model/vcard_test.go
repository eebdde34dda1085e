package model

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// readCards reads vCard text, failing on an error.
func readCards(t *testing.T, text string) []ImportRow {
	t.Helper()
	rows, err := ReadVCards(strings.NewReader(text), importTestToday)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestReadVCardsMonicaStub(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "import", "monica-stub.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadVCards(bytes.NewReader(data), importTestToday)
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, rows)
	if len(rows) != 3 {
		t.Fatalf("%d clients, want 3", len(rows))
	}
	bono := Client{
		Name: "Bono", Phones: []string{"+1 202-555-0191"}, Email: "bono@example.com", Company: "U2",
		Birthday: Birthday{10, time.May, 1960}, Notes: "Lorem ipsum dolor sit amet",
	}
	if !reflect.DeepEqual(rows[0].Client, bono) || rows[0].Line != 1 {
		t.Errorf("line %d: %+v\nwant %+v", rows[0].Line, rows[0].Client, bono)
	}
	if c := rows[1].Client; c.Name != "John Doe" || c.Email != "john.doe@example.com" || rows[1].Line != 12 {
		t.Errorf("line %d: %+v", rows[1].Line, c)
	}
	johnny := Client{Name: "Johnny", Address: "17 Shakespeare Ave., SO17 2HB, United Kingdom", City: "Southampton"}
	if !reflect.DeepEqual(rows[2].Client, johnny) || rows[2].Line != 18 {
		t.Errorf("line %d: %+v\nwant %+v", rows[2].Line, rows[2].Client, johnny)
	}
}

func TestReadVCards21Android(t *testing.T) {
	// As Android writes it: quoted-printable UTF-8 with soft line breaks,
	// bare 2.1 parameters, CRLF line ends and a folded base64 photo.
	const card = "BEGIN:VCARD\r\n" +
		"VERSION:2.1\r\n" +
		"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2=D0=B0;=D0=9E=D0=BB=D1=8C=D0=B3=D0=B0;;;\r\n" +
		"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9E=D0=BB=D1=8C=D0=B3=D0=B0 =D0=9F=D0=B5=D1=82=D1=80=\r\n" +
		"=D0=BE=D0=B2=D0=B0\r\n" +
		"TEL;CELL;PREF:+7 912 345-67-89\r\n" +
		"TEL;HOME:8 (495) 123-45-67\r\n" +
		"EMAIL;HOME:olga@example.ru\r\n" +
		"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=D0=BB=D1=8E=D0=B1=D0=B8=D1=82 =\r\n" +
		"=D0=BA=D1=80=D0=B0=D1=81=D0=BD=D1=8B=D0=B9=0D=0A=D1=80=D0=B0=D0=B7=D0=BC=D0=B5=D1=80 M\r\n" +
		"PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYI\r\n" +
		" DAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkU\r\n" +
		"\r\n" +
		"END:VCARD\r\n"
	rows := readCards(t, card)
	mustValid(t, rows)
	c := rows[0].Client
	if c.Name != "Ольга Петрова" {
		t.Errorf("Name = %q", c.Name)
	}
	if want := []string{"+7 912 345-67-89", "8 (495) 123-45-67"}; !reflect.DeepEqual(c.Phones, want) {
		t.Errorf("Phones = %q, want %q", c.Phones, want)
	}
	if c.Email != "olga@example.ru" || c.Notes != "любит красный\r\nразмер M" {
		t.Errorf("Email %q Notes %q", c.Email, c.Notes)
	}
}

func TestReadVCards21Charsets(t *testing.T) {
	latin := string(encodeLegacy(t, charmap.Windows1252, "José Müller"))
	cyr := string(encodeLegacy(t, charmap.Windows1251, "Ольга"))
	tests := []struct{ name, line, want string }{
		{"QuotedPrintableLatin1", "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9 M=FCller", "José Müller"},
		{"BareQuotedPrintableNoCharset", "FN;QUOTED-PRINTABLE:Jos=C3=A9", "José"},
		{"Raw1252WithCharset", "FN;CHARSET=WINDOWS-1252:" + latin, "José Müller"},
		{"Raw1251Guessed", "FN:" + cyr, "Ольга"},
		{"KOI8R", "FN;CHARSET=KOI8-R;ENCODING=QUOTED-PRINTABLE:=EF=CC=D8=C7=C1", "Ольга"},
		{"WindowsPathKept", `FN:C:\new\Ana`, `C:\new\Ana`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := readCards(t, "BEGIN:VCARD\nVERSION:2.1\n"+tt.line+"\nEND:VCARD\n")
			if got := rows[0].Client.Name; got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadVCards30IPhone(t *testing.T) {
	const card = "BEGIN:VCARD\n" +
		"VERSION:3.0\n" +
		"PRODID:-//Apple Inc.//iPhone OS 17.0//EN\n" +
		"N:Sargsyan;Hovhannes;;;\n" +
		"FN:Հովհաննես Սարգսյան\n" +
		"ORG:Ararat Trading\\, LLC;Sales;\n" +
		"EMAIL;type=INTERNET;type=HOME:home@example.am\n" +
		"EMAIL;type=INTERNET;type=WORK;type=pref:work@example.am\n" +
		"item1.TEL;type=pref:+374 10 12-34-56\n" +
		"item1.X-ABLabel:_$!<Mobile>!$_\n" +
		"TEL;type=CELL;type=VOICE:+374 (91) 123456\n" +
		"item2.ADR;type=HOME;type=pref:;;Abovyan 1\\nApt. 5;Yerevan;;0001;Armenia\n" +
		"item2.X-ABADR:am\n" +
		"ADR;type=WORK:;;Tumanyan 2;Gyumri;;;Armenia\n" +
		"NOTE:likes blue\\, size L\\nsecond line\n" +
		"CATEGORIES:VIP,Wholesale\\, Yerevan\n" +
		"BDAY;value=date:1985-07-03\n" +
		"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\n" +
		"END:VCARD\n"
	rows := readCards(t, card)
	mustValid(t, rows)
	want := Client{
		Name:     "Հովհաննես Սարգսյան",
		Phones:   []string{"+374 10 12-34-56", "+374 (91) 123456"},
		Email:    "work@example.am",
		City:     "Yerevan",
		Address:  "Abovyan 1\nApt. 5, 0001, Armenia",
		Company:  "Ararat Trading, LLC",
		Birthday: Birthday{3, time.July, 1985},
		Tags:     []string{"VIP", "Wholesale, Yerevan"},
		Notes:    "likes blue, size L\nsecond line\nOther address: Tumanyan 2, Gyumri, Armenia\nOther email: home@example.am",
	}
	if got := rows[0].Client; !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadVCards40(t *testing.T) {
	const card = "BEGIN:VCARD\r\n" +
		"VERSION:4.0\r\n" +
		"FN:ნინო ბერიძე\r\n" +
		"N:ბერიძე;ნინო;;;\r\n" +
		"TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+995-32-212-3456;ext=12\r\n" +
		"TEL;VALUE=uri;TYPE=work:tel:+995 599 12 34 56\r\n" +
		"EMAIL;PREF=2:second@example.ge\r\n" +
		"EMAIL;PREF=1:nino@example.ge\r\n" +
		"BDAY:--0412\r\n" +
		"LANG;PREF=1:ka\r\n" +
		"LANG;PREF=2:ru\r\n" +
		"ADR;TYPE=home;LABEL=\"Rustaveli 5\\nTbilisi\":;;Rustaveli 5;Tbilisi;;;Georgia\r\n" +
		"END:VCARD\r\n"
	rows := readCards(t, card)
	mustValid(t, rows)
	want := Client{
		Name:     "ნინო ბერიძე",
		Phones:   []string{"+995-32-212-3456", "+995 599 12 34 56"},
		Email:    "nino@example.ge",
		City:     "Tbilisi",
		Address:  "Rustaveli 5, Georgia",
		Birthday: Birthday{12, time.April, 0},
		Language: "ka",
		Notes:    "Other email: second@example.ge",
	}
	if got := rows[0].Client; !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadVCardsFoldedLines(t *testing.T) {
	const card = "BEGIN:VCARD\n" +
		"VERSION:3.0\n" +
		"FN:Ana Maria Pope\n" +
		" scu\n" +
		"NOTE:a long note that was folded \n" +
		"\tby a tab and a space\n" +
		"EMA\n" +
		" IL:ana@exa\n" +
		" mple.com\n" +
		"END:VCARD\n"
	c := readCards(t, card)[0].Client
	if c.Name != "Ana Maria Popescu" || c.Notes != "a long note that was folded by a tab and a space" || c.Email != "ana@example.com" {
		t.Errorf("%+v", c)
	}
}

func TestReadVCardsNames(t *testing.T) {
	tests := []struct {
		name, props, want string
	}{
		{"FN", "FN:Ana Pop\nN:Pop;Ana;;;\n", "Ana Pop"},
		{"MissingFN", "N:Popescu;Ion;Ilie;Dr.;Jr.\n", "Ion Ilie Popescu"},
		{"EmptyFN", "FN:\nN:Popescu;Ion;;;\n", "Ion Popescu"},
		{"Nickname", "N:;;;;\nNICKNAME:Johnny,JD\n", "Johnny"},
		{"Org", "ORG:Acme;Sales\n", "Acme"},
		{"Email", "EMAIL:ana.pop@example.com\n", "ana.pop"},
		{"Georgian", "FN:ნინო ბერიძე\n", "ნინო ბერიძე"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := readCards(t, "BEGIN:VCARD\nVERSION:3.0\n"+tt.props+"END:VCARD\n")
			mustValid(t, rows)
			if got := rows[0].Client.Name; got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadVCardsProblemsAndLines(t *testing.T) {
	const file = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n" +
		"\n" +
		"begin:vcard\nversion:3.0\nemail:bob@\nTEL:12\nBDAY:soon\nend:vcard\n" +
		"BEGIN:VCARD\nVERSION:2.1\nFN:Agent Owner\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Nested Agent\nEND:VCARD\nEND:VCARD\n" +
		"BEGIN:VCARD\nVERSION:3.0\nFN:Cut off"
	rows := readCards(t, file)
	if len(rows) != 4 {
		t.Fatalf("%d cards, want 4", len(rows))
	}
	if rows[0].Line != 1 || rows[1].Line != 6 || rows[2].Line != 12 || rows[3].Line != 21 {
		t.Errorf("lines %d %d %d %d, want 1 6 12 21", rows[0].Line, rows[1].Line, rows[2].Line, rows[3].Line)
	}
	// Nothing on the card can be read but fields left out: no name, phone
	// or email is left to know the client by, so the card is refused.
	if got := warningFields(rows[1]); !reflect.DeepEqual(got, []string{FieldPhones, FieldEmail, FieldBirthday}) {
		t.Errorf("warnings %v\n%s", got, rows[1].WarningText())
	}
	if got := problemFields(rows[1]); !reflect.DeepEqual(got, []string{FieldName}) {
		t.Errorf("problems %v\n%s", got, rows[1].ProblemText())
	}
	if !strings.HasPrefix(rows[1].WarningText(), "row 6: phones: ") {
		t.Errorf("WarningText() =\n%s", rows[1].WarningText())
	}
	if rows[2].Client.Name != "Agent Owner" || rows[3].Client.Name != "Cut off" {
		t.Errorf("names %q %q", rows[2].Client.Name, rows[3].Client.Name)
	}
}

func TestReadVCardsUTF16(t *testing.T) {
	b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(
		[]byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ştefan Ionescu\r\nEND:VCARD\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadVCards(bytes.NewReader(b), importTestToday)
	if err != nil || len(rows) != 1 || rows[0].Client.Name != "Ştefan Ionescu" {
		t.Fatalf("%+v, %v", rows, err)
	}
}

func TestReadVCardsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"Empty", "", ErrEmptyFile},
		{"Blank", "\r\n \r\n", ErrEmptyFile},
		{"NotAVCard", "Name,Phone\nAna,123\n", ErrNoVCards},
		{"EndOnly", "END:VCARD\n", ErrNoVCards},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadVCards(strings.NewReader(tt.in), importTestToday); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzReadVCards(f *testing.F) {
	seeds := []string{
		"", "BEGIN:VCARD\nEND:VCARD\n", "BEGIN:VCARD\nFN:a\n", "BEGIN:VCARD\nVERSION:2.1\nFN;QUOTED-PRINTABLE:=\n=\nEND:VCARD",
		"BEGIN:VCARD\nN:;;;;\nADR:;;;;;;;;;\nTEL;VALUE=uri:tel:\nEMAIL:mailto:\nEND:VCARD",
		"BEGIN:VCARD\nX;\"a:b\":c\nFN;CHARSET=KOI8-R:\xef\xcc\nBDAY:--1\nEND:VCARD",
		"BEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD\nEND:VCARD\nEND:VCARD\n", "\xff\xfeB\x00",
		"BEGIN:VCARD\nNOTE:\\\nCATEGORIES:a\\,b,\\\nEND:VCARD",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadVCards(bytes.NewReader(data), importTestToday)
		if err != nil {
			return
		}
		for i, r := range rows {
			if i > 0 && r.Line <= rows[i-1].Line {
				t.Fatalf("lines not increasing: %d after %d", r.Line, rows[i-1].Line)
			}
			if r.Problems != nil && len(r.Problems.Fields) == 0 {
				t.Fatal("empty Problems instead of nil")
			}
		}
	})
}
