package model

import (
	"iter"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// SampleRecords yields n realistic clients with their histories, deterministic for a seed, with dates relative to today.
//
// The clients are those of a clothing and shoe shop with customers in
// Romania, Moldova, Armenia, Georgia and Russia: names in Latin (with
// Romanian diacritics), Armenian, Georgian and Cyrillic script, some English,
// with cities, streets, companies and phone numbers of their country. Their
// purchases follow habits a shop owner would recognise: regulars still
// buying every few weeks, lapsed regulars, one-off buyers, prospects who
// never bought, big spenders and a few debtors, so every view of the
// customer-type ladder has someone in it. About one client in ten was
// referred by an earlier client of the batch (ClientRecord.ReferrerIndex).
//
// Every record passes Normalize and Validate as of today. Iterating twice
// yields the same records.
func SampleRecords(n int, seed int64, today time.Time) iter.Seq[ClientRecord] {
	return func(yield func(ClientRecord) bool) {
		g := newSampler(seed, today, n)
		for i := range n {
			if !yield(g.record(i)) {
				return
			}
		}
	}
}

// sampleMaxAgo is how far back, in days, the oldest client's history goes.
const sampleMaxAgo = 6 * 365

type sampler struct {
	r     *rand.Rand
	today time.Time
	now   time.Time // today as given, with its time of day: no contact is later
	data  *sampleTables

	// Per earlier client, so referrals can point backwards sensibly.
	sinceAgo  []int32 // days before today they became a client
	advocates []int32 // indexes of regulars and big spenders, who recommend the shop

	// Emails and phones are unique within a batch, as in a real address book.
	emails map[string]struct{}
	phones map[uint64]struct{}

	buf    []byte
	digits []byte
	days   []int
}

func newSampler(seed int64, today time.Time, n int) *sampler {
	capHint := min(max(n, 0), 1<<17)
	return &sampler{
		// The second PCG word is fixed: the seed alone decides the output.
		r:        rand.New(rand.NewPCG(uint64(seed), 0x636c69656e747472)),
		today:    Day(today),
		now:      today,
		data:     sampleData(),
		sinceAgo: make([]int32, 0, capHint),
		emails:   make(map[string]struct{}, capHint),
		phones:   make(map[uint64]struct{}, capHint),
	}
}

// habit is how a sample client buys; it decides their place on the ladder.
type habit int

const (
	habitProspect   habit = iota // knows the shop, has not bought yet
	habitOneOff                  // one or two purchases
	habitOccasional              // a few purchases, months apart
	habitRegular                 // buys steadily and still does
	habitLapsed                  // was regular, stopped 6-18 months ago
	habitBigSpender              // buys often and expensive
	habitDebtor                  // buys on credit and does not pay
)

func (g *sampler) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *sampler) chance(percent int) bool { return g.r.IntN(100) < percent }

func pick[T any](g *sampler, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *sampler) daysAgo(d int) time.Time {
	return g.today.Add(-time.Duration(d) * 24 * time.Hour)
}

func (g *sampler) pickHabit() habit {
	switch n := g.r.IntN(100); {
	case n < 11:
		return habitProspect
	case n < 31:
		return habitOneOff
	case n < 43:
		return habitOccasional
	case n < 74:
		return habitRegular
	case n < 92:
		return habitLapsed
	case n < 97:
		return habitBigSpender
	}
	return habitDebtor
}

// history is the buying rhythm of one client, in days before today.
type history struct {
	gap, last, count, minTenure int
}

func (g *sampler) planHistory(h habit) history {
	var p history
	switch h {
	case habitOneOff:
		p.count = 1
		if g.chance(35) {
			p.count = 2
		}
	case habitOccasional:
		p.gap = g.between(60, 200)
		p.count = g.between(2, 8)
		p.last = g.between(0, p.gap+p.gap/2)
		p.minTenure = p.last + p.gap
	case habitRegular:
		p.gap = g.between(20, 60)
		p.count = g.between(8, 36)
		p.last = g.between(0, p.gap)
		p.minTenure = p.last + 2*p.gap
	case habitLapsed:
		p.gap = g.between(20, 75)
		p.count = g.between(4, 22)
		p.last = g.between(180, 540)
		p.minTenure = p.last + 2*p.gap
	case habitBigSpender:
		p.gap = g.between(10, 30)
		p.count = g.between(15, 60)
		p.last = g.between(0, p.gap)
		p.minTenure = p.last + 3*p.gap
	case habitDebtor:
		p.gap = g.between(30, 90)
		p.count = g.between(3, 10)
		p.last = g.between(0, 150)
		p.minTenure = p.last + p.gap
	}
	return p
}

// purchaseDays returns the days before today of the purchases, most recent
// first, none older than sinceAgo.
func (g *sampler) purchaseDays(h habit, p history, sinceAgo int) []int {
	days := g.days[:0]
	switch {
	case p.count == 0:
	case h == habitOneOff:
		first := sinceAgo // most one-off buyers bought the day they came in
		if g.chance(40) {
			first = g.between(0, sinceAgo)
		}
		if p.count == 2 && first > 0 {
			days = append(days, g.between(0, first-1))
		}
		days = append(days, first)
	default:
		d := p.last
		if d > sinceAgo {
			d = g.between(0, sinceAgo)
		}
		for {
			days = append(days, d)
			if len(days) == p.count {
				break
			}
			d += max(1, p.gap*g.between(70, 130)/100)
			if d > sinceAgo {
				break
			}
		}
	}
	g.days = days
	return days
}

func (g *sampler) record(i int) ClientRecord {
	t := g.data
	sc := g.pickScript()
	ctry := g.pickCountry(sc)
	female := g.chance(55)
	given, family := t.scripts[sc].pick(g, female)

	h := g.pickHabit()
	plan := g.planHistory(h)
	sinceAgo := g.between(min(plan.minTenure, sampleMaxAgo), sampleMaxAgo)
	if h == habitProspect && g.chance(50) {
		sinceAgo = g.between(0, 120) // newcomers who have just heard of the shop
	}

	var rec ClientRecord
	if i > 0 && g.chance(10) {
		j := g.r.IntN(i)
		if len(g.advocates) > 0 && g.chance(85) {
			j = int(pick(g, g.advocates))
		}
		rec.ReferrerIndex = j + 1
		// Nobody is sent by someone who was not a client yet.
		if ref := int(g.sinceAgo[j]); sinceAgo > ref {
			sinceAgo = ref - g.between(0, min(60, ref))
		}
	}
	g.sinceAgo = append(g.sinceAgo, int32(sinceAgo))
	if h == habitRegular || h == habitBigSpender {
		g.advocates = append(g.advocates, int32(i))
	}

	c := &rec.Client
	c.Name = given.text + " " + family.text
	c.Since = g.daysAgo(sinceAgo)
	c.City = g.pickCity(ctry)
	c.Phones = g.phonesFor(ctry, c.City == ctry.cities[0])
	if g.chance(78) || (len(c.Phones) == 0 && g.chance(90)) {
		c.Email = g.email(given.ascii, family.ascii)
	}
	if g.chance(35) {
		c.Address = g.address(ctry)
	}
	company := false
	if h != habitProspect && h != habitOneOff && g.chance(10) {
		company = true
		c.Company = pick(g, ctry.companies)
	}
	c.Channel = g.pickChannel(len(c.Phones) > 0, c.Email != "")
	c.Birthday = g.birthday()
	c.Language = g.language(sc, ctry)
	credit := h == habitDebtor || (h != habitProspect && g.chance(22))
	c.Tags = g.tags(h, company, rec.ReferrerIndex > 0, credit)
	c.Notes = g.notes(h)

	fav := g.r.IntN(len(t.catalogue.byCategory))
	rec.Preferences = g.preferences(fav, credit)
	rec.Purchases = g.purchases(h, g.purchaseDays(h, plan, sinceAgo), fav, company, credit)
	g.contactHistory(h, &rec, sinceAgo)
	return rec
}

func (g *sampler) pickScript() int {
	switch n := g.r.IntN(100); {
	case n < 30:
		return scriptRomanian
	case n < 52:
		return scriptArmenian
	case n < 72:
		return scriptGeorgian
	case n < 92:
		return scriptCyrillic
	}
	return scriptEnglish
}

func (g *sampler) pickCountry(sc int) *sampleCountry {
	cs := g.data.countries
	n := g.r.IntN(100)
	switch sc {
	case scriptRomanian:
		if n < 65 {
			return &cs[countryRO]
		}
		return &cs[countryMD]
	case scriptArmenian:
		if n < 90 {
			return &cs[countryAM]
		}
		return &cs[countryRU]
	case scriptGeorgian:
		if n < 94 {
			return &cs[countryGE]
		}
		return &cs[countryRU]
	case scriptCyrillic:
		switch {
		case n < 72:
			return &cs[countryRU]
		case n < 84:
			return &cs[countryMD]
		case n < 92:
			return &cs[countryAM]
		}
		return &cs[countryGE]
	}
	return &cs[g.r.IntN(len(cs))]
}

func (g *sampler) pickCity(c *sampleCountry) string {
	switch n := g.r.IntN(100); {
	case n < 8:
		return ""
	case n < 55:
		return c.cities[0]
	}
	return pick(g, c.cities)
}

func (g *sampler) phonesFor(c *sampleCountry, capital bool) []string {
	n := 1
	switch k := g.r.IntN(100); {
	case k < 5:
		return nil
	case k < 17:
		n = 2
	}
	phones := make([]string, 0, n)
	phones = append(phones, g.phone(&c.mobile, c.cc))
	if n == 2 {
		if capital && len(c.landline.prefixes) > 0 {
			phones = append(phones, g.phone(&c.landline, c.cc))
		} else {
			phones = append(phones, g.phone(&c.mobile, c.cc))
		}
	}
	return phones
}

// phone draws a number of the plan not used yet in this batch and writes it
// in one of the ways people write numbers of that country.
func (g *sampler) phone(p *phonePlan, cc uint64) string {
	for attempt := 0; ; attempt++ {
		prefix := pick(g, p.prefixes)
		d := append(g.digits[:0], prefix...)
		for range p.rest {
			d = append(d, byte('0'+g.r.IntN(10)))
		}
		g.digits = d
		var nsn uint64
		for _, b := range d {
			nsn = nsn*10 + uint64(b-'0')
		}
		key := cc*10_000_000_000 + nsn
		if _, used := g.phones[key]; used && attempt < 20 {
			continue
		}
		g.phones[key] = struct{}{}
		tmpl := pick(g, p.templates)
		b := g.buf[:0]
		j := 0
		for k := 0; k < len(tmpl); k++ {
			if tmpl[k] == '#' {
				b = append(b, d[j])
				j++
			} else {
				b = append(b, tmpl[k])
			}
		}
		g.buf = b
		return string(b)
	}
}

var emailDomains = []string{"example.com", "example.com", "example.org", "example.net", "mail.example", "post.example"}

func (g *sampler) email(given, family string) string {
	b := g.buf[:0]
	switch g.r.IntN(8) {
	case 0, 1, 2:
		b = append(append(append(b, given...), '.'), family...)
	case 3:
		b = append(append(b, given...), family...)
	case 4:
		b = append(append(append(b, given...), '_'), family...)
	case 5:
		b = append(append(append(b, given[0]), '.'), family...)
	case 6:
		b = append(append(append(b, family...), '.'), given...)
	default:
		b = append(b, given...)
		b = strconv.AppendInt(b, int64(g.between(60, 99)), 10)
	}
	local := len(b)
	domain := pick(g, emailDomains)
	for k := 2; ; k++ {
		b = append(append(b, '@'), domain...)
		if _, used := g.emails[string(b)]; !used { // no allocation: map lookup by []byte conversion
			break
		}
		b = strconv.AppendInt(b[:local], int64(k), 10)
	}
	g.buf = b
	s := string(b)
	g.emails[s] = struct{}{}
	return s
}

func (g *sampler) address(c *sampleCountry) string {
	b := append(g.buf[:0], pick(g, c.streets)...)
	b = append(b, c.numberSep...)
	b = strconv.AppendInt(b, int64(g.between(1, 180)), 10)
	if g.chance(15) {
		b = append(b, c.letters[g.r.IntN(len(c.letters))]...)
	}
	if g.chance(60) {
		b = append(b, c.flatSep...)
		b = strconv.AppendInt(b, int64(g.between(1, 120)), 10)
	}
	g.buf = b
	return string(b)
}

func (g *sampler) pickChannel(phone, email bool) Channel {
	n := g.r.IntN(100)
	switch {
	case !phone && email:
		if n < 70 {
			return ChannelEmail
		}
		return ChannelInPerson
	case !phone:
		if n < 50 {
			return ChannelInPerson
		}
		return ChannelNone
	case n < 35:
		return ChannelPhone
	case n < 68:
		return ChannelMessage
	case n < 80 && email:
		return ChannelEmail
	case n < 90:
		return ChannelInPerson
	}
	return ChannelNone
}

func (g *sampler) birthday() Birthday {
	if !g.chance(65) {
		return Birthday{}
	}
	year := g.today.Year() - g.between(16, 78)
	if g.chance(30) {
		year = 0
	}
	if g.chance(1) { // leap-day birthdays happen, and break naive date code
		if year != 0 {
			year -= year % 4
			if year%100 == 0 && year%400 != 0 {
				year -= 4
			}
		}
		return Birthday{Day: 29, Month: time.February, Year: year}
	}
	m := time.Month(g.between(1, 12))
	d := g.between(1, DaysIn(m, year))
	if m == time.February && d == 29 && year == 0 {
		d = 28 // keep the leap days to the branch above
	}
	return Birthday{Day: d, Month: m, Year: year}
}

func (g *sampler) language(sc int, c *sampleCountry) string {
	if g.chance(12) {
		return ""
	}
	switch sc {
	case scriptRomanian:
		if c.lang == "ro" && c.cc == 373 && g.chance(20) {
			return "Russian"
		}
		return "Romanian"
	case scriptArmenian:
		if c.lang == "ru" && g.chance(50) {
			return "Russian"
		}
		return "Armenian"
	case scriptGeorgian:
		return "Georgian"
	case scriptCyrillic:
		return "Russian"
	}
	return "English"
}

func (g *sampler) tags(h habit, company, referred, credit bool) []string {
	var tags []string
	add := func(t string) {
		for _, x := range tags {
			if x == t {
				return
			}
		}
		tags = append(tags, t)
	}
	switch h {
	case habitRegular:
		if g.chance(60) {
			add("regular")
		}
	case habitBigSpender:
		add("vip")
	case habitLapsed:
		if g.chance(30) {
			add("win back")
		}
	case habitDebtor:
		add("stop credit")
	}
	if company {
		add("wholesale")
	}
	if referred && g.chance(40) {
		add("referral")
	}
	if credit && h != habitDebtor && g.chance(30) {
		add("instalments")
	}
	for range g.between(0, 2) {
		if g.chance(45) {
			add(pick(g, sampleExtraTags))
		}
	}
	return tags
}

func (g *sampler) notes(h habit) string {
	if h == habitDebtor && g.chance(70) {
		return pick(g, sampleDebtorNotes) // the owner keeps track of promises to pay
	}
	if !g.chance(28) {
		return ""
	}
	switch {
	case h == habitLapsed && g.chance(60):
		return pick(g, sampleLapsedNotes)
	case h == habitProspect && g.chance(60):
		return pick(g, sampleProspectNotes)
	case h == habitBigSpender && g.chance(60):
		return pick(g, sampleVIPNotes)
	case h == habitDebtor:
		return pick(g, sampleDebtorNotes)
	}
	return pick(g, sampleNotes)
}

// preferences draws 0-5 preferences in distinct categories, most of them
// likes; fav is the client's favourite product category.
func (g *sampler) preferences(fav int, credit bool) []Preference {
	var k int
	switch n := g.r.IntN(100); {
	case n < 8:
		return nil
	case n < 18:
		k = 1
	case n < 35:
		k = 2
	case n < 60:
		k = 3
	case n < 82:
		k = 4
	default:
		k = 5
	}
	cats := g.data.prefCats
	var order [16]int // a shuffle of the categories, each used at most once
	for i := range cats {
		order[i] = i
	}
	for i := len(cats) - 1; i > 0; i-- {
		j := g.r.IntN(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	prefs := make([]Preference, 0, k)
	for _, ci := range order[:k] {
		pc := &cats[ci]
		p := Preference{Attitude: Likes, Category: pc.cat}
		switch {
		case len(pc.dislikes) > 0 && g.chance(15):
			p.Attitude = Dislikes
			p.Value = pick(g, pc.dislikes)
		case pc.cat == PrefProduct && g.chance(70):
			p.Value = g.data.catalogue.byCategory[fav].prefValue
		case pc.cat == PrefPayment && credit && g.chance(70):
			p.Value = "instalments"
		default:
			p.Value = pick(g, pc.likes)
		}
		if g.chance(12) {
			p.Note = pick(g, samplePrefNotes)
		}
		prefs = append(prefs, p)
	}
	return prefs
}

var priceEndings = []int64{0, 0, 0, 0, 50, 90, 99}

// purchases turns the purchase days (most recent first) into purchases in
// date order.
func (g *sampler) purchases(h habit, days []int, fav int, company, credit bool) []Purchase {
	if len(days) == 0 {
		return nil
	}
	cat := &g.data.catalogue
	ps := make([]Purchase, len(days))
	for k := range ps {
		d := days[len(days)-1-k]
		date := g.daysAgo(d)
		summer := date.Month() >= time.April && date.Month() <= time.September
		var it *sampleItem
		for try := 0; try < 2; try++ {
			if g.chance(40) {
				it = pick(g, cat.byCategory[fav].items)
			} else {
				it = &cat.items[g.r.IntN(len(cat.items))]
			}
			if it.season == 0 || (it.season == 1) == summer {
				break // in season, or out of season on the second try
			}
		}
		lo, hi := it.min, it.max
		if h == habitBigSpender || h == habitDebtor { // debts that hurt come from big purchases
			lo = (lo + hi) / 2
			hi = hi * 3 / 2
		}
		amount := int64(g.between(lo, hi))*100 + pick(g, priceEndings)
		if amount < 500 {
			amount = 500
		}
		p := Purchase{Date: date, Item: it.name, Category: it.category}
		qty := 1
		switch {
		case company && g.chance(40):
			qty = g.between(5, 20)
		case g.chance(6):
			qty = g.between(2, 3)
		}
		if qty > 1 {
			p.Note = sampleQtyNotes[qty]
		} else if g.chance(7) {
			p.Note = pick(g, samplePurchaseNotes)
		}
		p.Amount = Money(amount * int64(qty))
		if credit {
			g.credit(&p, d, h == habitDebtor)
		}
		ps[k] = p
	}
	return ps
}

var (
	dueDays            = []int{14, 30, 30, 30, 60, 90}
	recentCreditShares = []int64{100, 80, 70, 50} // percent still unpaid before the due date
)

// credit sometimes sells p, bought d days ago, on credit: recent credits are
// mostly unpaid, old ones mostly paid off, a debtor's mostly not.
func (g *sampler) credit(p *Purchase, d int, debtor bool) {
	share := 42
	if debtor {
		share = 60
	}
	if !g.chance(share) {
		return
	}
	due := dueDays[g.r.IntN(len(dueDays))]
	overdue := due < d
	var pct int64
	switch {
	case debtor:
		pct = int64(g.between(50, 100))
	case !overdue:
		pct = pick(g, recentCreditShares)
	case d-due > 365 && g.chance(75), d-due > 90 && g.chance(40):
		return // paid off since
	default:
		pct = int64(g.between(10, 60))
	}
	unpaid := int64(p.Amount) * pct / 100 / 100 * 100 // whole units, as people round debts
	if unpaid <= 0 || unpaid > int64(p.Amount) {
		unpaid = int64(p.Amount)
	}
	p.Unpaid = Money(unpaid)
	p.DueDate = p.Date.Add(time.Duration(due) * 24 * time.Hour)
}

// The sample data tables, built once.

const (
	scriptRomanian = iota
	scriptArmenian
	scriptGeorgian
	scriptCyrillic
	scriptEnglish
	numScripts
)

const (
	countryRO = iota
	countryMD
	countryAM
	countryGE
	countryRU
)

type namePart struct{ text, ascii string }

type scriptNames struct {
	male, female, family []namePart
	femaleFamily         []namePart // nil when family names do not change with gender
}

func (s *scriptNames) pick(g *sampler, female bool) (given, family namePart) {
	i := g.r.IntN(len(s.family))
	family = s.family[i]
	if female {
		if s.femaleFamily != nil {
			family = s.femaleFamily[i]
		}
		return pick(g, s.female), family
	}
	return pick(g, s.male), family
}

type phonePlan struct {
	prefixes  []string // leading digits of the national number
	rest      int      // random digits after the prefix
	templates []string // '#' is a digit of the national number
}

type sampleCountry struct {
	cc                 uint64
	lang               string
	cities             []string // the first is the capital
	mobile, landline   phonePlan
	streets            []string
	numberSep, flatSep string
	letters            []string // "12A"
	companies          []string
}

type sampleItem struct {
	name, category string
	min, max       int  // whole currency units
	season         int8 // 0 all year, 1 spring-summer, 2 autumn-winter
}

type sampleCategory struct {
	prefValue string // how a client's liking of it is written
	items     []*sampleItem
}

type sampleCatalogue struct {
	items      []sampleItem
	byCategory []sampleCategory
}

type prefCategory struct {
	cat             PrefCategory
	likes, dislikes []string
}

type sampleTables struct {
	scripts   [numScripts]scriptNames
	countries []sampleCountry
	catalogue sampleCatalogue
	prefCats  []prefCategory
}

var sampleData = sync.OnceValue(buildSampleTables)

func names(s string) []namePart {
	fs := strings.Split(s, ",")
	out := make([]namePart, len(fs))
	for i, f := range fs {
		f = strings.TrimSpace(f)
		out[i] = namePart{text: f, ascii: asciiFold(f)}
	}
	return out
}

func buildSampleTables() *sampleTables {
	t := &sampleTables{}
	t.scripts[scriptRomanian] = scriptNames{
		male:   names("Andrei, Alexandru, Mihai, Ștefan, Ion, Gheorghe, Vasile, Constantin, Dumitru, Florin, Cristian, Adrian, Bogdan, Radu, Sorin, Tudor, Răzvan, Cătălin, Ciprian, Lucian, Marius, Nicolae, Ovidiu, Petru, Sergiu, Valentin, Victor, Octavian, Iulian, Dănuț, Costel, Eugen"),
		female: names("Ioana, Maria, Elena, Ana, Andreea, Alexandra, Cristina, Mihaela, Ștefania, Raluca, Simona, Gabriela, Irina, Corina, Daniela, Larisa, Oana, Roxana, Teodora, Bianca, Alina, Diana, Mădălina, Loredana, Nicoleta, Lăcrămioara, Ilinca, Doina, Tatiana, Aurelia, Ana-Maria, Smaranda"),
		family: names("Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, Rusu, Munteanu, Țurcanu, Moldovan, Lungu, Constantinescu, Dobre, Bălan, Ștefănescu, Niculescu, Mocanu, Oprea, Mureșan, Vlad, Cojocaru, Ursu, Sârbu, Căpraru, Tănase, Croitoru, Roșca, Lupu, Bejan, Chirilă, Neagu, Ene, Voicu, Enache, Preda, Țăranu, Nistor"),
	}
	t.scripts[scriptArmenian] = scriptNames{
		male:   names("Հովհաննես, Արամ, Տիգրան, Դավիթ, Արմեն, Գևորգ, Հայկ, Նարեկ, Սամվել, Վահե, Արթուր, Գագիկ, Կարեն, Ռուբեն, Սուրեն, Աշոտ, Լևոն, Միքայել, Էդգար, Վարդան, Արսեն, Սերգեյ, Հրանտ, Մհեր, Ավետիք, Գրիգոր, Արտակ, Վաչե"),
		female: names("Անի, Մարիամ, Նունե, Լիլիթ, Գայանե, Արմինե, Սիրանուշ, Աննա, Հասմիկ, Նարինե, Տաթևիկ, Մանե, Լուսինե, Քնարիկ, Զարուհի, Սոնա, Էլեն, Աստղիկ, Գոհար, Շուշան, Արփի, Լիանա, Մերի, Ռուզաննա, Անահիտ, Ալինա, Նաիրա, Սաթենիկ"),
		family: names("Սարգսյան, Պետրոսյան, Հարությունյան, Գրիգորյան, Հովհաննիսյան, Խաչատրյան, Կարապետյան, Մկրտչյան, Ավետիսյան, Գևորգյան, Մարտիրոսյան, Սահակյան, Վարդանյան, Ստեփանյան, Պողոսյան, Աբրահամյան, Մանուկյան, Դավթյան, Բաղդասարյան, Ղազարյան, Առաքելյան, Եղիազարյան, Թորոսյան, Մելքոնյան, Զաքարյան, Ալեքսանյան, Համբարձումյան, Սիմոնյան, Ներսիսյան, Օհանյան, Ասատրյան, Միքայելյան, Հակոբյան, Ռոստոմյան, Շահինյան, Չոբանյան"),
	}
	t.scripts[scriptGeorgian] = scriptNames{
		male:   names("გიორგი, დავით, ლევან, ნიკოლოზ, ირაკლი, ზურაბ, ლაშა, გოჩა, ბექა, ვახტანგ, შოთა, თორნიკე, ალექსანდრე, დათო, გიგა, ლუკა, ოთარ, მამუკა, ზვიად, რევაზ, ტარიელ, სანდრო, ილია, ნოდარ"),
		female: names("ნინო, მარიამ, თამარ, ანა, ეკატერინე, ნათია, სალომე, ქეთევან, მაკა, ელენე, ნანა, ლიკა, ხათუნა, თეონა, ნათელა, სოფო, მზია, ია, ლალი, თინათინ, ეთერ, ნესტან, მანანა, ლელა"),
		family: names("ბერიძე, კაპანაძე, მაისურაძე, გელაშვილი, ლომიძე, ხარაიშვილი, კვარაცხელია, ნოზაძე, ჯაფარიძე, გიორგაძე, ბაქრაძე, ტაბატაძე, წიკლაური, ჩხეიძე, ღლონტი, მამულაშვილი, ქავთარაძე, დოლიძე, შენგელია, ცერცვაძე, ჯავახიშვილი, აბაშიძე, ქობულაძე, ნაცვლიშვილი, ბოლქვაძე, ფხაკაძე, გოგიჩაიშვილი, ჭანტურია, მესხი, ხუციშვილი, კიკნაძე, ჩაჩანიძე, ლორთქიფანიძე, ყიფიანი"),
	}
	ru := names("Петров, Смирнов, Иванов, Кузнецов, Попов, Соколов, Лебедев, Козлов, Новиков, Морозов, Волков, Соловьёв, Васильев, Зайцев, Павлов, Семёнов, Голубев, Виноградов, Богданов, Воробьёв, Фёдоров, Михайлов, Беляев, Тарасов, Белов, Комаров, Орлов, Киселёв, Макаров, Андреев, Ковалёв, Ильин, Гусев, Титов, Кузьмин, Кудрявцев, Баранов, Куликов, Алексеев, Степанов")
	ruF := make([]namePart, len(ru))
	for i, p := range ru { // Петров, Петрова
		ruF[i] = namePart{text: p.text + "а", ascii: p.ascii + "a"}
	}
	t.scripts[scriptCyrillic] = scriptNames{
		male:         names("Дмитрий, Александр, Сергей, Андрей, Алексей, Михаил, Иван, Николай, Владимир, Павел, Евгений, Артём, Максим, Игорь, Олег, Юрий, Виктор, Роман, Константин, Георгий, Фёдор, Кирилл, Денис, Антон"),
		female:       names("Ольга, Елена, Наталья, Татьяна, Ирина, Анна, Мария, Светлана, Екатерина, Юлия, Анастасия, Людмила, Галина, Ксения, Дарья, Вера, Надежда, Полина, Алёна, Софья, Валентина, Лариса, Маргарита, Евгения"),
		family:       ru,
		femaleFamily: ruF,
	}
	t.scripts[scriptEnglish] = scriptNames{
		male:   names("John, Michael, David, James, Daniel, Thomas, Peter, Mark, Paul, Andrew, Robert, William, Richard, George, Oliver, Samuel"),
		female: names("Emily, Sarah, Emma, Olivia, Sophie, Laura, Rachel, Hannah, Grace, Claire, Kate, Lucy, Charlotte, Alice, Rebecca, Jessica"),
		family: names("Smith, Johnson, Brown, Taylor, Wilson, Clark, Walker, Wright, Green, Baker, Hill, Turner, Carter, Morgan, Cooper, Evans, Hughes, Bennett, Murphy, O'Brien, Fischer, Miller"),
	}

	t.countries = make([]sampleCountry, 5)
	t.countries[countryRO] = sampleCountry{
		cc: 40, lang: "ro",
		cities: []string{"București", "Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Constanța", "Sibiu", "Craiova", "Suceava"},
		mobile: phonePlan{prefixes: []string{"72", "73", "74", "75", "76", "77", "78"}, rest: 7,
			templates: []string{"0### ### ###", "(0###) ### ###", "+40 ### ### ###", "+40-###-###-###", "0###.###.###", "+40#########", "0#########"}},
		landline: phonePlan{prefixes: []string{"21", "31"}, rest: 7,
			templates: []string{"0## ### ## ##", "+40 ## ### ## ##", "(0##) ### ####"}},
		streets:   []string{"Str. Mihai Eminescu", "Bd. Unirii", "Str. Victoriei", "Calea Dorobanților", "Str. Florilor", "Str. Avram Iancu", "Str. Păcii", "Bd. Independenței", "Str. Lalelelor", "Aleea Teilor", "Str. Ion Creangă", "Calea Moșilor"},
		numberSep: " nr. ", flatSep: ", ap. ", letters: []string{"A", "B", "bis"},
		companies: []string{"Moda Style SRL", "Textila Carpați SRL", "Boutique Elena SRL", "Confecții Iași SA", "Atelierul Croitorului SRL", "Nuntă de Vis SRL", "Școala Gimnazială nr. 5", "Hotel Continental SRL"},
	}
	t.countries[countryMD] = sampleCountry{
		cc: 373, lang: "ro",
		cities: []string{"Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca"},
		mobile: phonePlan{prefixes: []string{"60", "62", "67", "68", "69", "78", "79"}, rest: 6,
			templates: []string{"0## ### ###", "+373 ## ### ###", "+373########", "0########", "0##-###-###"}},
		landline: phonePlan{prefixes: []string{"22"}, rest: 6,
			templates: []string{"(0##) ##-##-##", "0## ## ## ##", "+373 ## ######"}},
		streets:   []string{"Bd. Ștefan cel Mare și Sfânt", "Str. București", "Bd. Dacia", "Str. Alexei Mateevici", "Str. Mihai Viteazul", "Bd. Moscova", "Str. Ismail", "Str. Columna"},
		numberSep: " nr. ", flatSep: ", ap. ", letters: []string{"A", "B"},
		companies: []string{"Moda Nistru SRL", "Textil-Codru SRL", "Butic Chișinău SRL", "Hainele Bunicii ÎI", "Nunta Mare SRL"},
	}
	t.countries[countryAM] = sampleCountry{
		cc: 374, lang: "hy",
		cities: []string{"Երևան", "Գյումրի", "Վանաձոր", "Աբովյան", "Էջմիածին", "Հրազդան", "Կապան"},
		mobile: phonePlan{prefixes: []string{"91", "93", "94", "95", "96", "97", "98", "99", "77", "55", "41", "43", "44", "33"}, rest: 6,
			templates: []string{"+374 ## ##-##-##", "+374 ## ######", "0## ######", "(0##) ##-##-##", "0## ## ## ##", "+374########", "0##-##-##-##"}},
		landline: phonePlan{prefixes: []string{"10"}, rest: 6,
			templates: []string{"+374 ## ##-##-##", "(0##) ##-##-##", "0## ######"}},
		streets:   []string{"Աբովյան փ.", "Մաշտոցի պող.", "Թումանյան փ.", "Սայաթ-Նովայի պող.", "Կոմիտասի պող.", "Բաղրամյան պող.", "Արշակունյաց պող.", "Տերյան փ.", "Պուշկինի փ.", "Վարդանանց փ."},
		numberSep: " ", flatSep: ", բն. ", letters: []string{"/1", "/2", "Ա"},
		companies: []string{"«Արարատ Տեքստիլ» ՍՊԸ", "«Նաիրի Մոդա» ՍՊԸ", "«Գառնի Գրուպ» ՓԲԸ", "«Սևան Ստայլ» ՍՊԸ", "«Արագած» ՍՊԸ", "«Երևան Ֆեշն» ՍՊԸ"},
	}
	t.countries[countryGE] = sampleCountry{
		cc: 995, lang: "ka",
		cities: []string{"თბილისი", "ბათუმი", "ქუთაისი", "რუსთავი", "ზუგდიდი", "გორი", "თელავი"},
		mobile: phonePlan{prefixes: []string{"555", "557", "558", "568", "571", "574", "577", "579", "591", "593", "595", "597", "598", "599"}, rest: 6,
			templates: []string{"+995 ### ## ## ##", "### ## ## ##", "###-##-##-##", "+995#########", "### ######", "+995 ### ### ###"}},
		landline: phonePlan{prefixes: []string{"322"}, rest: 6,
			templates: []string{"+995 ## ### ## ##", "(0##) ### ## ##"}},
		streets:   []string{"რუსთაველის გამზ.", "ჭავჭავაძის გამზ.", "აღმაშენებლის გამზ.", "პეკინის ქ.", "ვაჟა-ფშაველას გამზ.", "გორგასლის ქ.", "კოსტავას ქ.", "ბარათაშვილის ქ."},
		numberSep: " ", flatSep: ", ბინა ", letters: []string{"ა", "ბ"},
		companies: []string{"შპს „თბილისი სტილი“", "შპს „ქართული ტექსტილი“", "შპს „ბათუმი ფეშენი“", "სს „კოლხეთი“", "შპს „მთაწმინდა“"},
	}
	t.countries[countryRU] = sampleCountry{
		cc: 7, lang: "ru",
		cities: []string{"Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Краснодар", "Ростов-на-Дону"},
		mobile: phonePlan{prefixes: []string{"903", "905", "910", "912", "915", "916", "921", "926", "950", "977", "985", "999"}, rest: 7,
			templates: []string{"+7 (###) ###-##-##", "8 ### ###-##-##", "8 (###) ### ## ##", "+7##########", "+7 ### ### ## ##", "8##########"}},
		landline: phonePlan{prefixes: []string{"495", "499"}, rest: 7,
			templates: []string{"8 (###) ###-##-##", "+7 (###) ###-##-##"}},
		streets:   []string{"ул. Ленина", "пр. Мира", "ул. Гагарина", "ул. Пушкина", "ул. Садовая", "ул. Лесная", "Ленинградский пр.", "ул. Советская", "ул. Молодёжная", "наб. Фонтанки"},
		numberSep: ", д. ", flatSep: ", кв. ", letters: []string{"А", "Б", "/2"},
		companies: []string{"ООО «Северный стиль»", "ООО «Модный дом»", "ИП Кузнецова", "ООО «Текстиль-Центр»", "АО «Невский»"},
	}

	t.catalogue = buildCatalogue()
	t.prefCats = []prefCategory{
		{PrefBrand, []string{"Geox", "Ecco", "Levi's", "Mango", "Zara", "Tommy Hilfiger", "Benetton", "Columbia", "Adidas", "Puma", "Lacoste", "local tailoring", "Italian leather", "Clarks"},
			[]string{"fast fashion", "big logos", "Zara"}},
		{PrefSize, []string{"XS", "S", "M", "L", "XL", "XXL", "38", "40", "42", "44", "46", "48", "52", "shoe size 37", "shoe size 38", "shoe size 39", "shoe size 41", "shoe size 42", "shoe size 44", "petite", "tall fit"},
			[]string{"slim fit", "oversized cuts", "low rise"}},
		{PrefColour, []string{"navy", "black", "beige", "white", "grey", "burgundy", "olive", "pastel colours", "earth tones", "bright colours", "red"},
			[]string{"bright colours", "yellow", "neon", "black", "big prints"}},
		{PrefProduct, []string{"linen shirts", "winter boots", "dresses", "knitwear", "suits", "sneakers", "leather bags", "kids' clothes", "coats"},
			[]string{"sportswear", "high heels", "skinny jeans"}},
		{PrefPrice, []string{"under 50", "50-150", "premium", "sales only", "waits for discounts", "price no object"},
			[]string{"full price"}},
		{PrefPayment, []string{"cash", "card", "card", "instalments", "bank transfer", "mobile payment"},
			[]string{"paying in advance", "cash"}},
		{PrefOther, []string{"natural fabrics", "wool", "wide fit", "orthopaedic insoles", "gift wrapping", "alterations", "new arrivals by phone", "quiet hours"},
			[]string{"synthetic fabrics", "wool (allergy)", "crowded Saturdays", "pushy selling", "long waits"}},
	}
	return t
}

func buildCatalogue() sampleCatalogue {
	items := []sampleItem{
		{"linen shirt", "shirts", 25, 90, 1},
		{"cotton shirt", "shirts", 20, 70, 0},
		{"flannel shirt", "shirts", 25, 60, 2},
		{"silk blouse", "shirts", 40, 150, 0},
		{"polo shirt", "shirts", 15, 55, 1},
		{"jeans", "trousers", 30, 120, 0},
		{"chinos", "trousers", 30, 90, 0},
		{"wool trousers", "trousers", 50, 160, 2},
		{"linen trousers", "trousers", 35, 100, 1},
		{"summer dress", "dresses", 30, 140, 1},
		{"evening dress", "dresses", 90, 400, 0},
		{"knitted dress", "dresses", 50, 160, 2},
		{"winter coat", "outerwear", 120, 400, 2},
		{"down jacket", "outerwear", 90, 320, 2},
		{"raincoat", "outerwear", 50, 180, 1},
		{"leather jacket", "outerwear", 150, 400, 0},
		{"trench coat", "outerwear", 90, 280, 1},
		{"wool sweater", "knitwear", 35, 130, 2},
		{"cardigan", "knitwear", 30, 110, 0},
		{"cashmere scarf", "knitwear", 40, 150, 2},
		{"winter boots", "shoes", 70, 260, 2},
		{"leather shoes", "shoes", 60, 220, 0},
		{"sneakers", "shoes", 40, 160, 0},
		{"sandals", "shoes", 25, 110, 1},
		{"ankle boots", "shoes", 60, 200, 2},
		{"loafers", "shoes", 50, 180, 0},
		{"leather belt", "accessories", 15, 60, 0},
		{"handbag", "accessories", 40, 300, 0},
		{"leather gloves", "accessories", 20, 70, 2},
		{"wool hat", "accessories", 15, 45, 2},
		{"socks, 3 pairs", "accessories", 15, 25, 0},
		{"business suit", "suits", 180, 400, 0},
		{"wedding suit", "suits", 250, 400, 0},
		{"school uniform", "kids", 30, 90, 0},
		{"kids' sneakers", "kids", 20, 70, 0},
		{"kids' winter jacket", "kids", 40, 120, 2},
	}
	prefValues := map[string]string{
		"shirts": "linen shirts", "trousers": "jeans", "dresses": "dresses", "outerwear": "coats",
		"knitwear": "knitwear", "shoes": "winter boots", "accessories": "leather bags", "suits": "suits", "kids": "kids' clothes",
	}
	c := sampleCatalogue{items: items}
	index := map[string]int{}
	for i := range c.items {
		it := &c.items[i]
		k, ok := index[it.category]
		if !ok {
			k = len(c.byCategory)
			index[it.category] = k
			c.byCategory = append(c.byCategory, sampleCategory{prefValue: prefValues[it.category]})
		}
		c.byCategory[k].items = append(c.byCategory[k].items, it)
	}
	return c
}

var sampleQtyNotes = func() [21]string {
	var a [21]string
	for i := 2; i < len(a); i++ {
		a[i] = strconv.Itoa(i) + " pcs"
	}
	return a
}()

var (
	sampleExtraTags     = []string{"wedding", "family", "student", "newsletter", "plus size", "tailoring", "kids", "online orders", "birthday discount", "gift buyer", "teacher"}
	samplePurchaseNotes = []string{"gift", "gift wrapped", "exchanged for a larger size", "10% loyalty discount", "ordered in", "hemmed the trousers", "seasonal sale", "bought with a voucher"}
	samplePrefNotes     = []string{"for her husband", "for the children", "since last year", "asked twice", "for work", "for the wedding"}
	sampleNotes         = []string{
		"Prefers to be called after 18:00.",
		"Buys gifts for the whole family at New Year.",
		"Asked to be told when linen shirts arrive.",
		"Likes to try everything on; allow time.",
		"Works nearby; drops in at lunchtime.",
		"Speaks slowly; prefers paper receipts.",
		"Sends photos of what she wants on the messenger.",
		"Daughter's wedding planned for next summer.",
		"Had a complaint about a zip in March; replaced at once, happy since.",
		"Wants the new catalogue by email every season.",
	}
	sampleLapsedNotes = []string{
		"Moved to another city; still orders sometimes by phone.",
		"Unhappy with a late order last spring; apologised and offered a discount.",
		"Found a cheaper shop nearby.",
		"Her sister buys elsewhere and she goes along.",
		"Left after a disagreement about a return; call to make it right.",
		"Reason unknown; nobody asked. Call and ask.",
	}
	sampleProspectNotes = []string{
		"Came in for the spring sale; did not buy yet.",
		"Asked about school uniforms for September.",
		"Recommended by a neighbour; looking for a wedding suit.",
		"Subscribed at the fair; wants to hear about new arrivals.",
	}
	sampleVIPNotes = []string{
		"Recommends us to friends; wrote about the shop on her blog.",
		"Orders uniforms for his staff every autumn.",
		"Best client: offer new collections first.",
		"Brought three new clients this year; thank him.",
	}
	sampleDebtorNotes = []string{
		"Promised to pay by the end of the month. No more credit until then.",
		"Owes for two orders; does not answer the phone.",
		"Paid part of the debt in cash; rest overdue.",
	}
)

// asciiFold writes a name in lowercase ASCII letters for an email address:
// Romanian diacritics lose their marks and Cyrillic, Armenian and Georgian
// letters are transliterated; anything else but a hyphen is dropped.
func asciiFold(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		lr := unicode.ToLower(r)
		switch {
		case lr >= 'a' && lr <= 'z':
			b.WriteRune(lr)
		case r == '-':
			b.WriteByte('-')
		case lr == 'ո' && i+1 < len(rs) && rs[i+1] == 'ւ':
			b.WriteByte('u') // Armenian "ու" is one sound
		case lr == 'ւ' && i > 0 && unicode.ToLower(rs[i-1]) == 'ո':
		case i == 0 && r == 'Ո':
			b.WriteString("vo")
		case i == 0 && r == 'Ե':
			b.WriteString("ye")
		default:
			b.WriteString(translit[lr])
		}
	}
	return b.String()
}

var translit = map[rune]string{
	// Romanian
	'ă': "a", 'â': "a", 'î': "i", 'ș': "s", 'ş': "s", 'ț': "t", 'ţ': "t", 'ë': "e", 'é': "e",
	// Russian
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ы': "y", 'э': "e", 'ю': "yu", 'я': "ya",
	// Armenian
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y", 'թ': "t",
	'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh",
	'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j",
	'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r", 'ց': "ts", 'փ': "p", 'ք': "k", 'օ': "o",
	'ֆ': "f", 'և': "ev",
	// Georgian
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i",
	'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s",
	'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts",
	'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}
