package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

var sampleToday = time.Date(2026, time.November, 23, 15, 4, 5, 0, time.UTC)

func collectSample(t testing.TB, n int, seed int64, today time.Time) []ClientRecord {
	t.Helper()
	recs := make([]ClientRecord, 0, n)
	for r := range SampleRecords(n, seed, today) {
		recs = append(recs, r)
	}
	if len(recs) != n {
		t.Fatalf("SampleRecords(%d) yielded %d records", n, len(recs))
	}
	return recs
}

func TestSampleRecordsDeterministic(t *testing.T) {
	a := collectSample(t, 2000, 42, sampleToday)
	b := collectSample(t, 2000, 42, sampleToday)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same n, seed and today gave different records")
	}
	// Iterating the same sequence twice gives the same records too.
	seq := SampleRecords(300, 42, sampleToday)
	var first, second []ClientRecord
	for r := range seq {
		first = append(first, r)
	}
	for r := range seq {
		second = append(second, r)
	}
	if !reflect.DeepEqual(first, second) {
		t.Fatal("iterating a sequence twice gave different records")
	}
	if !reflect.DeepEqual(first, a[:300]) {
		t.Fatal("a shorter batch is not a prefix of a longer one with the same seed")
	}
	c := collectSample(t, 300, 43, sampleToday)
	if reflect.DeepEqual(first, c) {
		t.Fatal("seeds 42 and 43 gave the same records")
	}
}

func TestSampleRecordsStopsEarly(t *testing.T) {
	n := 0
	for range SampleRecords(1000, 1, sampleToday) {
		n++
		if n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("got %d records, want 10", n)
	}
	for range SampleRecords(0, 1, sampleToday) {
		t.Fatal("SampleRecords(0) yielded a record")
	}
	for range SampleRecords(-5, 1, sampleToday) {
		t.Fatal("SampleRecords(-5) yielded a record")
	}
}

func TestSampleRecordsValid(t *testing.T) {
	todays := []time.Time{
		sampleToday,
		time.Date(2024, time.February, 29, 23, 59, 0, 0, time.FixedZone("AMT", 4*3600)),
		time.Date(2027, time.January, 1, 0, 0, 0, 0, time.Local),
	}
	for _, seed := range []int64{1, 2, 20261123} {
		for _, today := range todays {
			day := Day(today)
			i := -1
			for rec := range SampleRecords(5000, seed, today) {
				i++
				where := func() string { return "seed " + itoa(seed) + " " + FormatDate(day) + " record " + itoa(int64(i+1)) }
				c := rec.Client
				c.Normalize()
				if err := c.Validate(today); err != nil {
					t.Fatalf("%s: %q: %v", where(), rec.Client.Name, err)
				}
				if !reflect.DeepEqual(c, rec.Client) {
					t.Fatalf("%s: Normalize changed the client:\n got %+v\nwant %+v", where(), c, rec.Client)
				}
				if c.Since.IsZero() || c.Since.After(day) || c.Since.Before(day.AddDate(-7, 0, 0)) {
					t.Fatalf("%s: since %v not within the last 6 years", where(), c.Since)
				}
				if rec.ReferrerIndex < 0 || rec.ReferrerIndex > i {
					t.Fatalf("%s: ReferrerIndex %d does not point to an earlier record", where(), rec.ReferrerIndex)
				}
				for _, p := range rec.Preferences {
					p.Normalize()
					if err := p.Validate(); err != nil {
						t.Fatalf("%s: preference %+v: %v", where(), p, err)
					}
				}
				var prev time.Time
				for _, p := range rec.Purchases {
					p.Normalize()
					if err := p.Validate(today, DefaultMoneyFormat.Max()); err != nil {
						t.Fatalf("%s: purchase %+v: %v", where(), p, err)
					}
					if p.Date.Before(c.Since) {
						t.Fatalf("%s: purchase on %v before client since %v", where(), p.Date, c.Since)
					}
					if p.Date.Before(prev) {
						t.Fatalf("%s: purchases not in date order", where())
					}
					prev = p.Date
					if p.Unpaid > 0 && !p.DueDate.After(p.Date) {
						t.Fatalf("%s: credit purchase %+v has no due date after its date", where(), p)
					}
					if p.Amount < 5*100 || p.Category == "" {
						t.Fatalf("%s: implausible purchase %+v", where(), p)
					}
				}
			}
		}
	}
}

// scriptOf names the script of a name by its letters.
func scriptOf(name string) string {
	for _, r := range name {
		switch {
		case r >= 0x0530 && r <= 0x058F:
			return "Armenian"
		case r >= 0x10A0 && r <= 0x10FF:
			return "Georgian"
		case unicode.Is(unicode.Cyrillic, r):
			return "Cyrillic"
		case strings.ContainsRune("ăâîșşțţĂÂÎȘŞȚŢ", r):
			return "Romanian"
		}
	}
	return "Latin"
}

func TestSampleRecordsDistribution(t *testing.T) {
	const n = 10000
	recs := collectSample(t, n, 7, sampleToday)
	today := Day(sampleToday)

	var purchases, credit, noPurchase, debtors, overdue, referred, withPhones2, noPhones, withEmail, leap, noYear, prefs int
	scripts := map[string]int{}
	countries := map[string]int{}
	ladder := map[string]int{}
	emails := map[string]bool{}
	phones := map[string]bool{}
	for i, r := range recs {
		c := r.Client
		scripts[scriptOf(c.Name)]++
		purchases += len(r.Purchases)
		prefs += len(r.Preferences)
		if len(r.Preferences) > 5 {
			t.Errorf("record %d has %d preferences", i+1, len(r.Preferences))
		}
		if len(r.Purchases) == 0 {
			noPurchase++
		}
		st := ComputeStats(r.Purchases, today)
		if st.Owed > 0 {
			debtors++
		}
		if st.OverdueOwed > 0 {
			overdue++
		}
		switch {
		case st.Count == 0:
			ladder["none"]++
		case st.Count <= 2:
			ladder["1-2"]++
		case DaysBetween(st.Last, today) > 180:
			ladder["lapsed"]++
		default:
			ladder["active"]++
		}
		for _, p := range r.Purchases {
			if p.Unpaid > 0 {
				credit++
			}
		}
		if r.ReferrerIndex > 0 {
			referred++
			if r.ReferrerIndex > i {
				t.Errorf("record %d referred by later record %d", i+1, r.ReferrerIndex)
			}
			if ref := recs[r.ReferrerIndex-1].Client; ref.Since.After(c.Since) {
				t.Errorf("record %d (since %v) referred by record %d who came later (%v)", i+1, c.Since, r.ReferrerIndex, ref.Since)
			}
		}
		switch len(c.Phones) {
		case 0:
			noPhones++
		case 2:
			withPhones2++
		}
		for _, p := range c.Phones {
			countries[p[:min(4, len(p))]]++
			d := PhoneDigits(p)
			if phones[d] {
				t.Errorf("phone %s used twice", p)
			}
			phones[d] = true
		}
		if c.Email != "" {
			withEmail++
			if emails[c.Email] {
				t.Errorf("email %s used twice", c.Email)
			}
			emails[c.Email] = true
			local, domain, _ := strings.Cut(c.Email, "@")
			for _, r := range local {
				if r > unicode.MaxASCII {
					t.Errorf("email %q has a non-ASCII local part", c.Email)
				}
			}
			if domain != "mail.example" && domain != "post.example" && !strings.HasPrefix(domain, "example.") {
				t.Errorf("email %q is not on an example domain", c.Email)
			}
		}
		if c.Birthday.Month == time.February && c.Birthday.Day == 29 {
			leap++
		}
		if !c.Birthday.IsZero() && c.Birthday.Year == 0 {
			noYear++
		}
	}
	avg := float64(purchases) / n
	t.Logf("purchases/client %.2f, credit %.1f%%, preferences/client %.2f, no purchase %d, owing %d, overdue %d, referred %d",
		avg, 100*float64(credit)/float64(purchases), float64(prefs)/n, noPurchase, debtors, overdue, referred)
	t.Logf("scripts %v; ladder %v; 2 phones %d, no phone %d, email %d, 29 Feb %d, no year %d",
		scripts, ladder, withPhones2, noPhones, withEmail, leap, noYear)

	if avg < 7 || avg > 13 {
		t.Errorf("average purchases per client = %.2f, want 7..13", avg)
	}
	if share := float64(credit) / float64(purchases); share < 0.02 || share > 0.08 {
		t.Errorf("%.1f%% of purchases on credit, want about 5%%", 100*share)
	}
	if p := float64(prefs) / n; p < 2.5 || p > 3.5 {
		t.Errorf("average preferences per client = %.2f, want about 3", p)
	}
	for _, s := range []string{"Armenian", "Georgian", "Cyrillic", "Romanian", "Latin"} {
		if scripts[s] < n/20 {
			t.Errorf("only %d names in %s script", scripts[s], s)
		}
	}
	checks := []struct {
		what     string
		got, min int
	}{
		{"clients without purchases", noPurchase, n / 20},
		{"clients owing money", debtors, n / 50},
		{"clients with overdue debts", overdue, n / 100},
		{"referred clients", referred, n / 20},
		{"clients with two phones", withPhones2, n / 20},
		{"clients without a phone", noPhones, n / 100},
		{"clients with email", withEmail, n / 2},
		{"29 February birthdays", leap, 5},
		{"birthdays without a year", noYear, n / 20},
		{"one-off buyers", ladder["1-2"], n / 10},
		{"lapsed buyers", ladder["lapsed"], n / 10},
		{"active buyers", ladder["active"], n / 5},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.min)
		}
	}
	if referred > n/5 {
		t.Errorf("%d referred clients, want about 10%%", referred)
	}
	for _, cc := range []string{"+374", "+995", "+40", "+373", "+7"} {
		found := false
		for k := range countries {
			found = found || strings.HasPrefix(k, cc)
		}
		if !found {
			t.Errorf("no phone written with country code %s", cc)
		}
	}
}

// TestSampleRecordsExamples shows a few records so a reader can judge them.
// The first sample clients read as a real shop's book: a first and a last
// name, a phone or an email, phones the phone library reads as a real number of one of the
// sample's countries (typed in national or international form), an email that is one, and a
// history that lies before today.
func TestSampleRecordsExamples(t *testing.T) {
	names := map[string]bool{}
	for r := range SampleRecords(8, 3, sampleToday) {
		c := r.Client
		t.Logf("%s | %s | %q | %s | %s | %s | %s | born %s | %s | tags %q | %d prefs | %d purchases",
			c.Name, c.City, c.Phones, c.Email, c.Company, c.Channel, FormatDate(c.Since), c.Birthday, c.Language, c.Tags, len(r.Preferences), len(r.Purchases))
		if len(strings.Fields(c.Name)) < 2 || names[c.Name] {
			t.Errorf("%q: want a first and a last name, once", c.Name)
		}
		names[c.Name] = true
		if len(c.Phones) == 0 && c.Email == "" {
			t.Errorf("%s has no phone and no email: no way to reach them", c.Name)
		}
		for _, p := range c.Phones {
			if !slices.ContainsFunc([]string{"MD", "RO", "AM", "GE", "RU"}, func(region string) bool { return PhoneE164(p, region) != "" }) {
				t.Errorf("%s: phone %q is not a real number of the sample's countries", c.Name, p)
			}
		}
		if c.Email != "" && (strings.Count(c.Email, "@") != 1 || !strings.Contains(c.Email[strings.Index(c.Email, "@"):], ".")) {
			t.Errorf("%s: email %q", c.Name, c.Email)
		}
		if c.Since.After(sampleToday) {
			t.Errorf("%s: client since %s, after today", c.Name, FormatDate(c.Since))
		}
		for _, p := range r.Purchases {
			if p.Date.After(sampleToday) {
				t.Errorf("%s: a purchase on %s, after today", c.Name, FormatDate(p.Date))
			}
		}
	}
	if len(names) != 8 {
		t.Errorf("%d clients, want 8", len(names))
	}
}

func TestASCIIFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ștefan", "stefan"},
		{"Țurcanu", "turcanu"},
		{"Lăcrămioara", "lacramioara"},
		{"Ana-Maria", "ana-maria"},
		{"O'Brien", "obrien"},
		{"Հովհաննես", "hovhannes"},
		{"Սարգսյան", "sargsyan"},
		{"Գևորգ", "gevorg"},
		{"Զարուհի", "zaruhi"},
		{"Օհանյան", "ohanyan"},
		{"Եղիազարյան", "yeghiazaryan"},
		{"ნინო", "nino"},
		{"ბერიძე", "beridze"},
		{"ყიფიანი", "qipiani"},
		{"Ольга", "olga"},
		{"Соловьёва", "solovyova"},
		{"Щукин", "shchukin"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := asciiFold(tt.in); got != tt.want {
				t.Errorf("asciiFold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSampleNamesFoldToASCII(t *testing.T) {
	d := sampleData()
	for sc, s := range d.scripts {
		for _, list := range [][]namePart{s.male, s.female, s.family, s.femaleFamily} {
			for _, p := range list {
				if p.ascii == "" || p.ascii[0] == '-' {
					t.Errorf("script %d: %q folds to %q", sc, p.text, p.ascii)
				}
				for _, r := range p.ascii {
					if !(r >= 'a' && r <= 'z' || r == '-') {
						t.Errorf("script %d: %q folds to %q", sc, p.text, p.ascii)
					}
				}
			}
		}
	}
}

func BenchmarkSampleRecords(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(itoa(int64(n)), func(b *testing.B) {
			purchases := 0
			for b.Loop() {
				for r := range SampleRecords(n, 1, sampleToday) {
					purchases += len(r.Purchases)
				}
			}
			b.ReportMetric(float64(purchases)/float64(b.N), "purchases/op")
		})
	}
}
