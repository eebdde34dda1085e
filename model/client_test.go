package model

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testToday is the fixed "today" of the rule tests: a Monday in a non-leap year.
var testToday = time.Date(2026, time.November, 23, 10, 30, 0, 0, time.UTC)

// fieldsOf returns the invalid fields listed by err, in order; nil for nil.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
	}
	var fs []string
	for _, f := range ve.Fields {
		fs = append(fs, f.Field)
	}
	return fs
}

// fieldMessage returns the filled-in message for field, failing if there is none.
func fieldMessage(t *testing.T, err error, field string) string {
	t.Helper()
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("want a validation error for %s, got %v", field, err)
	}
	fe, ok := ve.For(field)
	if !ok {
		t.Fatalf("no error for field %s in %v", field, err)
	}
	return fe.Text()
}

func validClient() Client {
	return Client{
		Name:     "Ioana Popescu",
		Phones:   []string{"+40 721 234 567"},
		Email:    "ioana.popescu@example.com",
		City:     "Iași",
		Channel:  ChannelPhone,
		Since:    time.Date(2023, time.March, 8, 0, 0, 0, 0, time.UTC),
		Birthday: Birthday{Day: 14, Month: time.July, Year: 1985},
		Language: "ro",
		Tags:     []string{"regular"},
	}
}

func TestClientValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(c *Client)
		fields []string // invalid fields, in order; nil when valid
		msg    string   // part of the first field's message
	}{
		{"OK", func(c *Client) {}, nil, ""},
		{"OnlyName", func(c *Client) { *c = Client{Name: "Ana"} }, nil, ""},
		{"ErrNameEmpty", func(c *Client) { c.Name = "" }, []string{FieldName}, "Enter the client's name."},
		{"ErrNameWhitespace", func(c *Client) { c.Name = " \t\u00a0\n" }, []string{FieldName}, "Enter the client's name."},
		{"ErrNameTooLong", func(c *Client) { c.Name = strings.Repeat("a", 10000) }, []string{FieldName}, "too long (10000 characters); keep it under 200"},
		{"NameAtLimit", func(c *Client) { c.Name = strings.Repeat("ș", MaxNameLen) }, nil, ""},
		{"ErrNameOverLimitInRunes", func(c *Client) { c.Name = strings.Repeat("ș", MaxNameLen+1) }, []string{FieldName}, "201 characters"},
		{"ErrNameInvalidUTF8", func(c *Client) { c.Name = "Ana \xff" }, []string{FieldName}, "cannot be read"},

		{"ErrEmailNoDomain", func(c *Client) { c.Email = "bob@" }, []string{FieldEmail}, `"bob@" is not an email address`},
		{"ErrEmailNoAt", func(c *Client) { c.Email = "bob" }, []string{FieldEmail}, `"bob" is not`},
		{"ErrEmailDomainWithoutDot", func(c *Client) { c.Email = "a@b" }, []string{FieldEmail}, `"a@b" is not`},
		{"ErrEmailSpace", func(c *Client) { c.Email = "a b@c.com" }, []string{FieldEmail}, `"a b@c.com" is not`},
		{"ErrEmailDisplayName", func(c *Client) { c.Email = "Bob <bob@example.com>" }, []string{FieldEmail}, "name@example.com"},
		{"ErrEmailTrailingDot", func(c *Client) { c.Email = "bob@example.com." }, []string{FieldEmail}, "is not"},
		{"ErrEmailDoubleDot", func(c *Client) { c.Email = "bob@example..com" }, []string{FieldEmail}, "is not"},
		{"ErrEmailTwoAts", func(c *Client) { c.Email = "a@b@example.com" }, []string{FieldEmail}, "is not"},
		{"ErrEmailTooLong", func(c *Client) { c.Email = strings.Repeat("a", 200) + "@example.com" }, []string{FieldEmail}, "too long"},
		{"EmailEmpty", func(c *Client) { c.Email = "" }, nil, ""},
		{"EmailSubdomain", func(c *Client) { c.Email = "ana.popescu@mail.example.org" }, nil, ""},
		{"EmailPlusTag", func(c *Client) { c.Email = "ana+shop@example.com" }, nil, ""},
		{"EmailUnicodeDomain", func(c *Client) { c.Email = "ana@münchen.example" }, nil, ""},

		{"ErrPhoneTooShort", func(c *Client) { c.Phones = []string{"1234"} }, []string{FieldPhones}, "1234: The phone number is too short: it needs at least 5 digits."},
		{"ErrPhoneLetters", func(c *Client) { c.Phones = []string{"0721 ABC 567"} }, []string{FieldPhones}, `remove "A"`},
		{"ErrPhonePlusInMiddle", func(c *Client) { c.Phones = []string{"0721+234567"} }, []string{FieldPhones}, `A "+" may only start a phone number, before the country code.`},
		{"ErrPhoneTooLong", func(c *Client) { c.Phones = []string{"+40 721 234 567 890 12"} }, []string{FieldPhones}, "at most 15 digits"},
		{"ErrSecondPhone", func(c *Client) { c.Phones = []string{"+40 721 234 567", "12"} }, []string{FieldPhones}, "12: The phone number is too short"},
		{"ErrTooManyPhones", func(c *Client) { c.Phones = make([]string, MaxPhones+1) }, []string{FieldPhones}, "at most 10 phone numbers"},
		{"PhonesOfSeveralCountries", func(c *Client) {
			c.Phones = []string{"+374 10 12-34-56", "094 123456", "(0721) 234 567", "+995 555 12 34 56", "+7 (912) 345-67-89", "+373 69 123 456", "8 495 123 45 67"}
		}, nil, ""},

		{"ErrBirthday30February", func(c *Client) { c.Birthday = Birthday{Day: 30, Month: time.February} }, []string{FieldBirthday}, "That month has no such day"},
		{"Birthday29FebruaryNoYear", func(c *Client) { c.Birthday = Birthday{Day: 29, Month: time.February} }, nil, ""},
		{"Birthday29FebruaryLeapYear", func(c *Client) { c.Birthday = Birthday{Day: 29, Month: time.February, Year: 1996} }, nil, ""},
		{"Birthday29February2000", func(c *Client) { c.Birthday = Birthday{Day: 29, Month: time.February, Year: 2000} }, nil, ""},
		{"ErrBirthday29FebruaryNonLeapYear", func(c *Client) { c.Birthday = Birthday{Day: 29, Month: time.February, Year: 1997} }, []string{FieldBirthday}, "not a leap year"},
		{"ErrBirthday29February1900", func(c *Client) { c.Birthday = Birthday{Day: 29, Month: time.February, Year: 1900} }, []string{FieldBirthday}, "not a leap year"},
		{"ErrBirthday31April", func(c *Client) { c.Birthday = Birthday{Day: 31, Month: time.April, Year: 1990} }, []string{FieldBirthday}, "That month has no such day"},
		{"ErrBirthdayMonth13", func(c *Client) { c.Birthday = Birthday{Day: 1, Month: 13} }, []string{FieldBirthday}, "Choose the month"},
		{"ErrBirthdayMonth0", func(c *Client) { c.Birthday = Birthday{Day: 1, Year: 1990} }, []string{FieldBirthday}, "Choose the month"},
		{"ErrBirthdayDay0", func(c *Client) { c.Birthday = Birthday{Month: time.May, Year: 1990} }, []string{FieldBirthday}, "Choose the day"},
		{"ErrBirthdayYearTooOld", func(c *Client) { c.Birthday = Birthday{Day: 1, Month: time.May, Year: 1899} }, []string{FieldBirthday}, "between 1900 and this year"},
		{"ErrBirthdayNegativeYear", func(c *Client) { c.Birthday = Birthday{Day: 1, Month: time.May, Year: -1} }, []string{FieldBirthday}, "between 1900 and this year"},
		{"ErrBirthdayFutureYear", func(c *Client) { c.Birthday = Birthday{Day: 1, Month: time.May, Year: 2027} }, []string{FieldBirthday}, "between 1900 and this year"},
		{"ErrBirthdayLaterThisYear", func(c *Client) { c.Birthday = Birthday{Day: 24, Month: time.November, Year: 2026} }, []string{FieldBirthday}, "cannot be in the future"},
		{"BirthdayToday", func(c *Client) { c.Birthday = Birthday{Day: 23, Month: time.November, Year: 2026} }, nil, ""},
		{"BirthdayYear0MeansUnknown", func(c *Client) { c.Birthday = Birthday{Day: 31, Month: time.December, Year: 0} }, nil, ""},
		{"NoBirthday", func(c *Client) { c.Birthday = Birthday{} }, nil, ""},

		{"ErrSinceTomorrow", func(c *Client) { c.Since = testToday.AddDate(0, 0, 1) }, []string{FieldSince}, `"Client since" cannot be in the future.`},
		{"SinceToday", func(c *Client) { c.Since = Day(testToday) }, nil, ""},
		{"SinceLaterToday", func(c *Client) { c.Since = testToday.Add(10 * time.Hour) }, nil, ""},
		{"SinceUnknown", func(c *Client) { c.Since = time.Time{} }, nil, ""},

		{"ErrChannelUnknown", func(c *Client) { c.Channel = "fax" }, []string{FieldChannel}, "Choose a contact channel"},
		{"ChannelNone", func(c *Client) { c.Channel = ChannelNone }, nil, ""},
		{"ErrReferredBySelf", func(c *Client) { c.ID, c.ReferredBy = 7, 7 }, []string{FieldReferredBy}, "referred by themselves"},
		{"ReferredByOther", func(c *Client) { c.ID, c.ReferredBy = 7, 3 }, nil, ""},
		{"ErrTooManyTags", func(c *Client) { c.Tags = make([]string, MaxTags+1) }, []string{FieldTags}, "at most 50 tags"},
		{"ErrTagTooLong", func(c *Client) { c.Tags = []string{"ok", strings.Repeat("t", 51)} }, []string{FieldTags}, "too long; keep tags under 50"},
		{"TagAtLimit", func(c *Client) { c.Tags = []string{strings.Repeat("ț", 50)} }, nil, ""},
		{"ErrCityTooLong", func(c *Client) { c.City = strings.Repeat("c", MaxShortLen+1) }, []string{FieldCity}, "The city field is too long (201 characters); keep it under 200."},
		{"ErrAddressTooLong", func(c *Client) { c.Address = strings.Repeat("a", MaxLongLen+1) }, []string{FieldAddress}, "The address field is too long (501 characters)"},
		{"AddressAtLimit", func(c *Client) { c.Address = strings.Repeat("a", MaxLongLen) }, nil, ""},
		{"ErrCompanyTooLong", func(c *Client) { c.Company = strings.Repeat("c", MaxShortLen+1) }, []string{FieldCompany}, "The company field is too long"},
		{"ErrLanguageTooLong", func(c *Client) { c.Language = strings.Repeat("l", MaxShortLen+1) }, []string{FieldLanguage}, "The language field is too long"},
		{"ErrNotesTooLong", func(c *Client) { c.Notes = strings.Repeat("n", MaxNotesLen+1) }, []string{FieldNotes}, "The notes field is too long (10001 characters); keep it under 10000."},
		{"NotesAtLimit", func(c *Client) { c.Notes = strings.Repeat("n", MaxNotesLen) }, nil, ""},
		{"ErrCityInvalidUTF8", func(c *Client) { c.City = "Ia\xc8" }, []string{FieldCity}, "The city field has characters that cannot be read"},

		{"ErrEverythingAtOnce", func(c *Client) {
			*c = Client{
				Name:     "  ",
				Phones:   []string{"12"},
				Email:    "bob@",
				City:     strings.Repeat("c", 300),
				Channel:  "pigeon",
				Since:    testToday.AddDate(1, 0, 0),
				Birthday: Birthday{Day: 30, Month: time.February},
				ID:       1, ReferredBy: 1,
				Tags: []string{strings.Repeat("x", 60)},
			}
		}, []string{FieldName, FieldPhones, FieldEmail, FieldCity, FieldChannel, FieldSince, FieldBirthday, FieldReferredBy, FieldTags}, "Enter the client's name."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validClient()
			tt.edit(&c)
			err := c.Validate(testToday)
			got := fieldsOf(t, err)
			if !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("Validate() fields = %q, want %q (err: %v)", got, tt.fields, err)
			}
			if len(tt.fields) > 0 {
				if msg := fieldMessage(t, err, tt.fields[0]); !strings.Contains(msg, tt.msg) {
					t.Errorf("message for %s = %q, want it to contain %q", tt.fields[0], msg, tt.msg)
				}
			}
		})
	}
}

func TestClientValidateMessageData(t *testing.T) {
	c := validClient()
	c.Phones = []string{"+374 10 12-34-56", "0721 x34 567"}
	c.Name = strings.Repeat("N", 250)
	err := c.Validate(testToday)
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("got %v, want a validation error", err)
	}
	name, _ := ve.For(FieldName)
	if name.Message != "The name is too long ({{.Len}} characters); keep it under {{.Max}}." {
		t.Errorf("name message key = %q", name.Message)
	}
	if !reflect.DeepEqual(name.Data, map[string]any{"Len": 250, "Max": MaxNameLen}) {
		t.Errorf("name data = %v", name.Data)
	}
	phone, _ := ve.For(FieldPhones)
	want := map[string]any{"Phone": "0721 x34 567", "Char": "x"}
	if !reflect.DeepEqual(phone.Data, want) {
		t.Errorf("phone data = %v, want %v", phone.Data, want)
	}
	if got := phone.Text(); got != `0721 x34 567: A phone number may only hold digits, spaces and + - ( ) . / — remove "x".` {
		t.Errorf("phone text = %q", got)
	}
	if _, ok := ve.For(FieldEmail); ok {
		t.Error("For(FieldEmail) found an error for a valid email")
	}
}

func TestClientNormalize(t *testing.T) {
	since := time.Date(2024, time.May, 3, 22, 15, 0, 0, time.FixedZone("GET", 4*3600))
	c := Client{
		Name:     "  Ioana Popescu \n",
		Phones:   []string{" +40 721 234 567 ", "", "   ", "094 123456"},
		Email:    " ioana@example.com ",
		City:     "\tIași ",
		Address:  " Str. Florilor nr. 3 ",
		Company:  " Moda SRL ",
		Language: " ro ",
		Tags:     []string{"VIP", " vip ", "", "Wedding", "wedding", "regular"},
		Notes:    "  Indented first line.\nSecond line.  \n\n",
		Since:    since,
	}
	c.Normalize()
	want := Client{
		Name:     "Ioana Popescu",
		Phones:   []string{"+40 721 234 567", "094 123456"},
		Email:    "ioana@example.com",
		City:     "Iași",
		Address:  "Str. Florilor nr. 3",
		Company:  "Moda SRL",
		Language: "ro",
		Tags:     []string{"VIP", "Wedding", "regular"},
		Notes:    "  Indented first line.\nSecond line.",
		Since:    time.Date(2024, time.May, 3, 0, 0, 0, 0, time.UTC),
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Normalize() =\n%+v\nwant\n%+v", c, want)
	}
	c.Normalize()
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Normalize() is not idempotent: %+v", c)
	}
}

func TestClientNormalizeKeepsUnicode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Diaeresis", "Zoë", "Zoë"},
		{"CombiningAcute", "e\u0301", "e\u0301"},
		{"CombiningCommaBelow", "S\u0326tefan Ionescu", "S\u0326tefan Ionescu"},
		{"Hebrew", "שרה לוי", "שרה לוי"},
		{"RightToLeftMark", "\u200fשרה לוי\u200f", "\u200fשרה לוי\u200f"},
		{"Arabic", "  ليلى حداد  ", "ليلى حداد"},
		{"Emoji", "😀 Ana", "😀 Ana"},
		{"EmojiZWJ", "👩‍👩‍👧 Family Pop", "👩‍👩‍👧 Family Pop"},
		{"Armenian", " Հովհաննես Սարգսյան ", "Հովհաննես Սարգսյան"},
		{"Georgian", "ნინო ბერიძე", "ნინო ბერიძე"},
		{"Cyrillic", "Ольга Петрова", "Ольга Петрова"},
		{"NoBreakSpaceAround", "\u00a0Mihai Țurcanu\u00a0", "Mihai Țurcanu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Client{Name: tt.in, Notes: tt.in, Tags: []string{tt.in}}
			c.Normalize()
			if c.Name != tt.want {
				t.Errorf("Name = %q, want %q", c.Name, tt.want)
			}
			if c.Tags[0] != tt.want {
				t.Errorf("tag = %q, want %q", c.Tags[0], tt.want)
			}
			if err := c.Validate(testToday); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , ;\n", nil},
		{"wedding, regular", []string{"wedding", "regular"}},
		{"+374 10 12-34-56; 094 123456\n(0721) 234 567", []string{"+374 10 12-34-56", "094 123456", "(0721) 234 567"}},
		{"vip,VIP", []string{"vip", "VIP"}}, // SplitList keeps repeats; Normalize drops them
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SplitList(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestChannel(t *testing.T) {
	tests := []struct {
		c     Channel
		valid bool
		label string
	}{
		{ChannelNone, true, "No preference"},
		{ChannelPhone, true, "Phone call"},
		{ChannelMessage, true, "SMS / messenger"},
		{ChannelEmail, true, "Email"},
		{ChannelInPerson, true, "In person"},
		{"fax", false, "No preference"},
		{"Phone", false, "No preference"},
	}
	for _, tt := range tests {
		t.Run(string(tt.c), func(t *testing.T) {
			if got := tt.c.Valid(); got != tt.valid {
				t.Errorf("Valid() = %v, want %v", got, tt.valid)
			}
			if got := tt.c.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
		})
	}
}

func TestBirthdayStringParse(t *testing.T) {
	tests := []struct {
		name string
		b    Birthday
		s    string
	}{
		{"None", Birthday{}, ""},
		{"WithYear", Birthday{Day: 14, Month: time.July, Year: 1985}, "1985-07-14"},
		{"WithoutYear", Birthday{Day: 5, Month: time.March}, "--03-05"},
		{"LeapDayWithYear", Birthday{Day: 29, Month: time.February, Year: 2000}, "2000-02-29"},
		{"LeapDayWithoutYear", Birthday{Day: 29, Month: time.February}, "--02-29"},
		{"SmallYearPadded", Birthday{Day: 1, Month: time.January, Year: 987}, "0987-01-01"},
		{"EndOfYear", Birthday{Day: 31, Month: time.December, Year: 1999}, "1999-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.String(); got != tt.s {
				t.Errorf("String() = %q, want %q", got, tt.s)
			}
			got, ok := ParseBirthday(tt.s)
			if !ok || got != tt.b {
				t.Errorf("ParseBirthday(%q) = %+v, %v; want %+v, true", tt.s, got, ok, tt.b)
			}
			if tt.b.IsZero() != (tt.s == "") {
				t.Errorf("IsZero() = %v", tt.b.IsZero())
			}
		})
	}
}

func TestParseBirthday(t *testing.T) {
	tests := []struct {
		in   string
		want Birthday
		ok   bool
	}{
		{"  1985-07-14 ", Birthday{Day: 14, Month: time.July, Year: 1985}, true},
		{"--02-30", Birthday{Day: 30, Month: time.February}, true}, // read, not validated
		{"--13-01", Birthday{Day: 1, Month: 13}, true},
		{"0000-01-02", Birthday{Day: 2, Month: time.January}, true}, // year 0 is "unknown"
		{"1985-7-14", Birthday{}, false},
		{"14.07.1985", Birthday{}, false},
		{"--0714", Birthday{}, false},
		{"--7-14", Birthday{}, false},
		{"19a5-07-14", Birthday{}, false},
		{"1985-07-1x", Birthday{}, false},
		{"-985-07-14", Birthday{}, false},
		{"--٠٧-١٤", Birthday{}, false},
		{"July 14", Birthday{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseBirthday(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseBirthday(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestValidationError(t *testing.T) {
	ve := &ValidationError{}
	if ve.err() != nil {
		t.Fatal("an empty ValidationError is not nil as an error")
	}
	ve.add(FieldName, "Enter the client's name.")
	ve.add(FieldCity, "The {{.What}} field is too long ({{.Len}} characters); keep it under {{.Max}}.", "What", "city", "Len", 201, "Max", 200)
	ve.add(FieldCity, "second city problem")
	err := fmt.Errorf("create client: %w", ve.err())
	got, ok := AsValidation(err)
	if !ok || got != ve {
		t.Fatalf("AsValidation(wrapped) = %v, %v", got, ok)
	}
	want := "invalid input: name: Enter the client's name.; city: The city field is too long (201 characters); keep it under 200.; city: second city problem"
	if got := ve.Error(); got != want {
		t.Errorf("Error() =\n%q\nwant\n%q", got, want)
	}
	if fe, _ := ve.For(FieldCity); fe.Message != ve.Fields[1].Message {
		t.Errorf("For(city) = %+v, want the first city error", fe)
	}
	if _, ok := AsValidation(errors.New("plain")); ok {
		t.Error("AsValidation(plain error) = true")
	}
	if _, ok := AsValidation(nil); ok {
		t.Error("AsValidation(nil) = true")
	}
}

func TestFieldErrorText(t *testing.T) {
	tests := []struct {
		name string
		fe   FieldError
		want string
	}{
		{"NoData", FieldError{Message: "Enter the date."}, "Enter the date."},
		{"Filled", FieldError{Message: "Keep at most {{.Max}} tags.", Data: map[string]any{"Max": 50}}, "Keep at most 50 tags."},
		{"Repeated", FieldError{Message: "{{.A}} and {{.A}}", Data: map[string]any{"A": "x"}}, "x and x"},
		{"MissingKeyLeftAsIs", FieldError{Message: "{{.Gone}}", Data: map[string]any{"A": 1}}, "{{.Gone}}"},
		{"Unicode", FieldError{Message: "{{.Phone}}: bad", Data: map[string]any{"Phone": "٠٩٤"}}, "٠٩٤: bad"},
		// A value is not read for placeholders: a client may be named so.
		{"ValueNotFilled", FieldError{Message: "call {{.Name}} in {{.Days}} days",
			Data: map[string]any{"Name": "{{.Days}} {{.Zed}}", "Days": 3, "Zed": "z"}}, "call {{.Days}} {{.Zed}} in 3 days"},
		{"Unclosed", FieldError{Message: "{{.A}} and {{.A", Data: map[string]any{"A": "x"}}, "x and {{.A"},
		{"Stringer", FieldError{Message: "on {{.Day}}", Data: map[string]any{"Day": time.Weekday(2)}}, "on Tuesday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fe.Text(); got != tt.want {
				t.Errorf("Text() = %q, want %q", got, tt.want)
			}
		})
	}
}
