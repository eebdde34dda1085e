package model

import "time"

// The sample contact history: how attentive the owner has been with each
// client. Most regulars hear from the shop after a purchase and every month
// or two; some clients slipped through (that is what the due list is for);
// a few promises are open, a few complaints, and some lapsed clients were
// marked lost with a reason.

// owner attentiveness per client, in percent of clients.
const (
	sampleAttentive = 78 // follow-ups after most purchases, regular check-ins
	sampleForgotten = 6  // never contacted
)

var sampleSummaries = []string{
	"asked how the purchase fits", "told them about the new collection", "thanked them for coming back",
	"reminded them of the sale", "asked for their opinion of the service", "confirmed their size for the order",
	"talked about what they need for the season", "wished them a good holiday",
}

var samplePromises = []string{
	"call when the new boots arrive", "keep a size M of the linen shirt", "send photos of the autumn coats",
	"let them know when the sale starts", "order the navy jacket in their size", "check if the repair is done",
}

var sampleComplaints = []struct{ what, resolution string }{
	{"the zip of the jacket broke after a week", "replaced the jacket"},
	{"waited twenty minutes at the till", "apologised and gave a 10 % voucher"},
	{"the ordered size came late", "delivered it home free of charge"},
	{"the colour faded after the first wash", "refunded the purchase"},
}

var sampleOptions = [][]string{{"a refund", "an exchange"}, {"a repair", "a voucher"}, {"home delivery", "a discount on the next purchase"}}

var sampleFeedback = []struct {
	fb    Feedback
	words string
}{
	{FeedbackPositive, "very happy with it"}, {FeedbackPositive, "will come back for the trousers"},
	{FeedbackNeutral, "fine, nothing special"}, {FeedbackNegative, "too expensive this time"},
}

// contactHistory fills rec's contacts, promises, complaints and loss.
func (g *sampler) contactHistory(h habit, rec *ClientRecord, sinceAgo int) {
	c := &rec.Client
	ch := contactFor(c.Channel)
	style := g.r.IntN(100)
	if style < sampleForgotten && h != habitRegular && h != habitBigSpender {
		return
	}
	attentive := style >= 100-sampleAttentive
	// The history ends yesterday: today's list is the owner's to work
	// through, not done already by the sample.
	add := func(daysAgo int, summary string) {
		if daysAgo < 1 || daysAgo > sinceAgo {
			return
		}
		at := g.daysAgo(daysAgo).Add(time.Duration(g.between(9*60, 19*60)) * time.Minute)
		if at.After(g.now) {
			at = g.now
		}
		i := Interaction{At: at, Channel: ch, Summary: summary}
		if g.chance(20) {
			f := pick(g, sampleFeedback)
			i.Feedback, i.FeedbackText = f.fb, f.words
		}
		rec.Contacts = append(rec.Contacts, i)
	}
	// A call a few days after recent purchases.
	for _, p := range rec.Purchases {
		ago := DaysBetween(p.Date, g.today)
		if ago > 180 || !(attentive && g.chance(75) || g.chance(20)) {
			continue
		}
		add(ago-g.between(1, 5), "asked whether the "+p.Item+" worked out")
	}
	// Check-ins: attentive owners keep a rhythm, others now and then.
	switch {
	case h == habitProspect:
		if g.chance(55) {
			add(g.between(0, min(sinceAgo, 90)), pick(g, sampleSummaries))
		}
	case attentive:
		gap := g.between(20, 50)
		// The last half year is what the schedule looks at.
		for ago := g.between(0, gap); ago < min(sinceAgo, 120); ago += gap + g.between(-7, 7) {
			add(ago, pick(g, sampleSummaries))
		}
	default:
		for k := g.between(1, 2); k > 0; k-- {
			add(g.between(20, min(max(sinceAgo, 21), 150)), pick(g, sampleSummaries))
		}
	}
	sortContacts(rec.Contacts)

	// Promises: a few open, more kept, a couple broken.
	switch n := g.r.IntN(100); {
	case n < 7 && h != habitProspect:
		made := min(g.between(3, 20), sinceAgo)
		rec.Promises = append(rec.Promises, Promise{What: pick(g, samplePromises), MadeOn: g.daysAgo(made),
			DueBy: g.daysAgo(max(made-g.between(3, 21), -14)), Status: PromiseOpen}) // mostly still ahead
	case n < 16 && h != habitProspect && sinceAgo > 40:
		made := g.between(30, min(sinceAgo, 300))
		due := made - g.between(3, 20)
		p := Promise{What: pick(g, samplePromises), MadeOn: g.daysAgo(made), DueBy: g.daysAgo(due), Status: PromiseKept}
		keptAgo := due + g.between(-1, 2) // mostly on time
		if keptAgo > made {
			keptAgo = made
		}
		p.KeptOn = g.daysAgo(max(keptAgo, 1))
		rec.Promises = append(rec.Promises, p)
		at := p.KeptOn.Add(11 * time.Hour)
		if at.After(g.now) {
			at = g.now
		}
		// The window names the promise it kept in the owner's language.
		rec.Contacts = append(rec.Contacts, Interaction{At: at, Channel: ch, PromiseID: int64(len(rec.Promises))})
		sortContacts(rec.Contacts)
	case n < 18 && h != habitProspect && sinceAgo > 60:
		made := g.between(40, min(sinceAgo, 300))
		rec.Promises = append(rec.Promises, Promise{What: pick(g, samplePromises), MadeOn: g.daysAgo(made),
			DueBy: g.daysAgo(made - 10), Status: PromiseBroken})
	}

	// Complaints: rare; most resolved with an apology and options.
	if len(rec.Purchases) > 0 && g.chance(3) {
		cp := pick(g, sampleComplaints)
		opened := g.between(1, min(max(sinceAgo, 1), 200))
		k := Complaint{OpenedOn: g.daysAgo(opened), What: cp.what, Options: pick(g, sampleOptions), Apologised: g.chance(80), Status: ComplaintOpen}
		if opened > 14 || g.chance(50) {
			k.Status, k.Resolution, k.ResolvedOn = ComplaintResolved, cp.resolution, g.daysAgo(max(opened-g.between(1, 10), 0))
		}
		rec.Complaints = append(rec.Complaints, k)
	}

	// Some lapsed clients were marked lost, for the reasons report.
	if h == habitLapsed && len(rec.Purchases) > 0 && g.chance(35) {
		last := rec.Purchases[len(rec.Purchases)-1].Date
		on := last.AddDate(0, 0, g.between(60, 200))
		if on.After(g.today) {
			on = g.today
		}
		reasons := []LostReason{LostNoContact, LostNoContact, LostNoContact, LostQuality, LostCompetitor, LostFriendsFamily, LostMovedOrDied}
		c.Lost = Lost{Reason: pick(g, reasons), On: on}
	}
}

// contactFor is the channel a contact with a client who prefers ch takes.
func contactFor(ch Channel) ContactChannel {
	switch ch {
	case ChannelMessage:
		return ContactMessage
	case ChannelEmail:
		return ContactEmail
	case ChannelInPerson:
		return ContactInShop
	}
	return ContactCall
}

// sortContacts puts contacts in time order, oldest first, keeping the
// promise indexes valid (they point into Promises, not Contacts).
func sortContacts(cs []Interaction) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].At.Before(cs[j-1].At); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}
