package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// date is a calendar day in UTC, for short test tables.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// checkFields runs Validate's result through the usual assertions: the list
// of invalid fields, in order, and part of the first message.
func checkFields(t *testing.T, err error, fields []string, msg string) {
	t.Helper()
	got := fieldsOf(t, err)
	if !reflect.DeepEqual(got, fields) {
		t.Fatalf("Validate() fields = %q, want %q (err: %v)", got, fields, err)
	}
	if len(fields) > 0 {
		if m := fieldMessage(t, err, fields[0]); !strings.Contains(m, msg) {
			t.Errorf("message = %q, want it to contain %q", m, msg)
		}
		if e := err.Error(); e != strings.ToLower(e[:1])+e[1:] {
			t.Errorf("error string %q does not start in lower case", e)
		}
	}
}

func TestInteractionValidate(t *testing.T) {
	now := testToday
	valid := func() Interaction {
		return Interaction{At: now.Add(-time.Hour), Channel: ContactCall, Summary: "asked about the boots"}
	}
	tests := []struct {
		name   string
		edit   func(i *Interaction)
		fields []string
		msg    string
	}{
		{"OK", func(i *Interaction) {}, nil, ""},
		{"OnlyWhenAndHow", func(i *Interaction) { *i = Interaction{At: now, Channel: ContactInShop} }, nil, ""},
		{"EveryChannel", func(i *Interaction) { i.Channel = ContactVisit }, nil, ""},
		{"ErrAtMissing", func(i *Interaction) { i.At = time.Time{} }, []string{FieldAt}, "Enter when the contact happened."},
		{"AtFiveMinutesAhead", func(i *Interaction) { i.At = now.Add(MaxFutureContact) }, nil, ""},
		{"ErrAtJustOverFiveMinutesAhead", func(i *Interaction) { i.At = now.Add(MaxFutureContact + time.Second) }, []string{FieldAt}, "in the future"},
		{"ErrAtTomorrow", func(i *Interaction) { i.At = now.AddDate(0, 0, 1) }, []string{FieldAt}, "in the future"},
		{"ErrAtAncient", func(i *Interaction) { i.At = time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC) }, []string{FieldAt}, "too far in the past"},
		{"ErrChannelMissing", func(i *Interaction) { i.Channel = "" }, []string{FieldChannel}, "Choose how the contact happened"},
		{"ErrChannelUnknown", func(i *Interaction) { i.Channel = "pigeon" }, []string{FieldChannel}, "from the list"},
		{"ErrClientChannelIsNotAContactChannel", func(i *Interaction) { i.Channel = ContactChannel(ChannelPhone) }, []string{FieldChannel}, "from the list"},
		{"SummaryAtLimit", func(i *Interaction) { i.Summary = strings.Repeat("ე", MaxLongLen) }, nil, ""},
		{"ErrSummaryTooLong", func(i *Interaction) { i.Summary = strings.Repeat("ე", MaxLongLen+1) }, []string{FieldSummary}, "The summary field is too long (501 characters)"},
		{"ErrSummaryUnreadable", func(i *Interaction) { i.Summary = "ok \xfe" }, []string{FieldSummary}, "cannot be read"},
		{"FeedbackWithWords", func(i *Interaction) { i.Feedback = FeedbackNegative; i.FeedbackText = "the sole came off" }, nil, ""},
		{"FeedbackWithoutWords", func(i *Interaction) { i.Feedback = FeedbackPositive }, nil, ""},
		{"ErrWordsWithoutFeedback", func(i *Interaction) { i.FeedbackText = "fine" }, []string{FieldFeedback}, "positive, neutral or negative"},
		{"ErrFeedbackUnknown", func(i *Interaction) { i.Feedback = "ecstatic" }, []string{FieldFeedback}, "from the list"},
		{"FeedbackTextAtLimit", func(i *Interaction) {
			i.Feedback = FeedbackNeutral
			i.FeedbackText = strings.Repeat("ш", MaxDetailLen)
		}, nil, ""},
		{"ErrFeedbackTextTooLong", func(i *Interaction) {
			i.Feedback = FeedbackNeutral
			i.FeedbackText = strings.Repeat("ш", MaxDetailLen+1)
		}, []string{FieldFeedbackText}, "The feedback field is too long (1001 characters)"},
		{"ErrEverythingAtOnce", func(i *Interaction) {
			*i = Interaction{Channel: "x", Feedback: "y", FeedbackText: strings.Repeat("a", 2000)}
		},
			[]string{FieldAt, FieldChannel, FieldFeedback, FieldFeedbackText}, "Enter when"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := valid()
			tt.edit(&i)
			checkFields(t, i.Validate(now), tt.fields, tt.msg)
		})
	}
}

func TestInteractionNormalize(t *testing.T) {
	yerevan := time.FixedZone("AMT", 4*3600)
	i := Interaction{At: time.Date(2026, 11, 23, 1, 30, 0, 0, yerevan), Summary: "  called \n", FeedbackText: "\t«ok» "}
	i.Normalize()
	want := Interaction{At: time.Date(2026, 11, 22, 21, 30, 0, 0, time.UTC), Summary: "called", FeedbackText: "«ok»"}
	if !reflect.DeepEqual(i, want) {
		t.Errorf("Normalize() = %+v, want %+v", i, want)
	}
	var z Interaction
	z.Normalize()
	if !reflect.DeepEqual(z, Interaction{}) {
		t.Errorf("Normalize() of the zero contact = %+v", z)
	}
}

func TestPromiseValidate(t *testing.T) {
	today := Day(testToday)
	valid := func() Promise {
		return Promise{What: "call when the shoes arrive", MadeOn: today.AddDate(0, 0, -3), DueBy: today.AddDate(0, 0, 4), Status: PromiseOpen}
	}
	tests := []struct {
		name   string
		edit   func(p *Promise)
		fields []string
		msg    string
	}{
		{"OK", func(p *Promise) {}, nil, ""},
		{"DueTheDayItIsMade", func(p *Promise) { p.MadeOn, p.DueBy = today, today }, nil, ""},
		{"DueInThePast", func(p *Promise) { p.MadeOn, p.DueBy = today.AddDate(0, 0, -9), today.AddDate(0, 0, -2) }, nil, ""},
		{"Kept", func(p *Promise) { p.Status, p.KeptOn = PromiseKept, today }, nil, ""},
		{"KeptTheDayItWasMade", func(p *Promise) { p.Status, p.KeptOn = PromiseKept, p.MadeOn }, nil, ""},
		{"KeptLate", func(p *Promise) { p.DueBy = p.MadeOn; p.Status, p.KeptOn = PromiseKept, today }, nil, ""},
		{"Broken", func(p *Promise) { p.Status = PromiseBroken }, nil, ""},
		{"Cancelled", func(p *Promise) { p.Status = PromiseCancelled }, nil, ""},
		{"ErrWhatMissing", func(p *Promise) { p.What = "" }, []string{FieldWhat}, "Write what you promised"},
		{"WhatAtLimit", func(p *Promise) { p.What = strings.Repeat("խ", MaxShortLen) }, nil, ""},
		{"ErrWhatTooLong", func(p *Promise) { p.What = strings.Repeat("խ", MaxShortLen+1) }, []string{FieldWhat}, "The promise field is too long (201 characters)"},
		{"ErrMadeOnMissing", func(p *Promise) { p.MadeOn = time.Time{} }, []string{FieldMadeOn}, "Enter the day the promise was made."},
		{"MadeToday", func(p *Promise) { p.MadeOn = today }, nil, ""},
		{"MadeLaterToday", func(p *Promise) { p.MadeOn = testToday.Add(10 * time.Hour) }, nil, ""},
		{"ErrMadeTomorrow", func(p *Promise) { p.MadeOn = today.AddDate(0, 0, 1) }, []string{FieldMadeOn}, "cannot be in the future"},
		{"ErrMadeAncient", func(p *Promise) { p.MadeOn = date(1899, 12, 31) }, []string{FieldMadeOn}, "too far in the past"},
		{"ErrDueByMissing", func(p *Promise) { p.DueBy = time.Time{} }, []string{FieldDueBy}, "Enter the day the promise is due."},
		{"ErrDueBeforeMade", func(p *Promise) { p.DueBy = p.MadeOn.AddDate(0, 0, -1) }, []string{FieldDueBy}, "cannot be due before"},
		{"ErrStatusMissing", func(p *Promise) { p.Status = "" }, []string{FieldStatus}, "status of the promise"},
		{"ErrStatusUnknown", func(p *Promise) { p.Status = "forgotten" }, []string{FieldStatus}, "from the list"},
		{"ErrKeptWithoutDay", func(p *Promise) { p.Status = PromiseKept }, []string{FieldKeptOn}, "Enter the day the promise was kept."},
		{"ErrKeptDayButOpen", func(p *Promise) { p.KeptOn = today }, []string{FieldKeptOn}, "Only a kept promise"},
		{"ErrKeptDayButBroken", func(p *Promise) { p.Status, p.KeptOn = PromiseBroken, today }, []string{FieldKeptOn}, "Only a kept promise"},
		{"ErrKeptBeforeMade", func(p *Promise) { p.Status, p.KeptOn = PromiseKept, p.MadeOn.AddDate(0, 0, -1) }, []string{FieldKeptOn}, "before the day it was made"},
		{"ErrKeptTomorrow", func(p *Promise) { p.Status, p.KeptOn = PromiseKept, today.AddDate(0, 0, 1) }, []string{FieldKeptOn}, "cannot be in the future"},
		{"ErrEverythingAtOnce", func(p *Promise) { *p = Promise{Status: "?", KeptOn: today} },
			[]string{FieldWhat, FieldMadeOn, FieldDueBy, FieldStatus, FieldKeptOn}, "Write what"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.edit(&p)
			checkFields(t, p.Validate(testToday), tt.fields, tt.msg)
		})
	}
}

func TestPromiseNormalize(t *testing.T) {
	eet := time.FixedZone("EET", 2*3600)
	p := Promise{What: "  call back  ", MadeOn: time.Date(2026, 5, 3, 23, 0, 0, 0, eet), DueBy: time.Date(2026, 5, 4, 8, 0, 0, 0, eet)}
	p.Normalize()
	want := Promise{What: "call back", MadeOn: date(2026, 5, 3), DueBy: date(2026, 5, 4), Status: PromiseOpen}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Normalize() = %+v, want %+v", p, want)
	}
	k := Promise{Status: PromiseKept, KeptOn: time.Date(2026, 5, 5, 12, 0, 0, 0, eet)}
	k.Normalize()
	if k.Status != PromiseKept || !k.KeptOn.Equal(date(2026, 5, 5)) {
		t.Errorf("Normalize() changed a kept promise: %+v", k)
	}
}

func TestComplaintValidate(t *testing.T) {
	today := Day(testToday)
	valid := func() Complaint {
		return Complaint{
			OpenedOn: today.AddDate(0, 0, -2), What: "the zip broke after a week",
			Options: []string{"repair for free", "exchange", "refund"}, Apologised: true, Status: ComplaintOpen,
		}
	}
	resolved := func(c *Complaint) { c.Status, c.Resolution, c.ResolvedOn = ComplaintResolved, "exchanged", today }
	tests := []struct {
		name   string
		edit   func(c *Complaint)
		fields []string
		msg    string
	}{
		{"OK", func(c *Complaint) {}, nil, ""},
		{"NoOptionsYet", func(c *Complaint) { c.Options = nil }, nil, ""},
		{"NotesWhileOpen", func(c *Complaint) { c.Resolution = "ordered a new zip" }, nil, ""},
		{"Resolved", resolved, nil, ""},
		{"ResolvedTheSameDay", func(c *Complaint) { resolved(c); c.ResolvedOn = c.OpenedOn }, nil, ""},
		{"OpenedToday", func(c *Complaint) { c.OpenedOn = today }, nil, ""},
		{"ErrOpenedOnMissing", func(c *Complaint) { c.OpenedOn = time.Time{} }, []string{FieldOpenedOn}, "Enter the day the client complained."},
		{"ErrOpenedTomorrow", func(c *Complaint) { c.OpenedOn = today.AddDate(0, 0, 1) }, []string{FieldOpenedOn}, "cannot be in the future"},
		{"ErrOpenedAncient", func(c *Complaint) { c.OpenedOn = date(1800, 1, 1) }, []string{FieldOpenedOn}, "too far in the past"},
		{"ErrWhatMissing", func(c *Complaint) { c.What = "" }, []string{FieldWhat}, "Write what went wrong."},
		{"ErrWhatTooLong", func(c *Complaint) { c.What = strings.Repeat("w", MaxLongLen+1) }, []string{FieldWhat}, "The complaint field is too long"},
		{"OptionAtLimit", func(c *Complaint) { c.Options[1] = strings.Repeat("ო", MaxShortLen) }, nil, ""},
		{"ErrOptionTooLong", func(c *Complaint) { c.Options[1] = strings.Repeat("ო", MaxShortLen+1) }, []string{FieldOptions}, "Option 2 is too long"},
		{"ErrOptionUnreadable", func(c *Complaint) { c.Options[0] = "\xff" }, []string{FieldOptions}, "Option 1"},
		{"OptionsAtLimit", func(c *Complaint) { c.Options = make([]string, MaxOptions); fill(c.Options, "x") }, nil, ""},
		{"ErrTooManyOptions", func(c *Complaint) { c.Options = make([]string, MaxOptions+1); fill(c.Options, "x") }, []string{FieldOptions}, "at most 20 options"},
		{"ErrStatusUnknown", func(c *Complaint) { c.Status = "ignored" }, []string{FieldStatus}, "status of the complaint"},
		{"ErrResolvedWithoutResolution", func(c *Complaint) { resolved(c); c.Resolution = "" }, []string{FieldResolution}, "Write how the complaint was resolved."},
		{"ErrResolutionTooLong", func(c *Complaint) { resolved(c); c.Resolution = strings.Repeat("r", MaxDetailLen+1) }, []string{FieldResolution}, "too long"},
		{"ErrResolvedWithoutDay", func(c *Complaint) { resolved(c); c.ResolvedOn = time.Time{} }, []string{FieldResolvedOn}, "Enter the day the complaint was resolved."},
		{"ErrResolvedBeforeOpened", func(c *Complaint) { resolved(c); c.ResolvedOn = c.OpenedOn.AddDate(0, 0, -1) }, []string{FieldResolvedOn}, "before the day it was made"},
		{"ErrResolvedTomorrow", func(c *Complaint) { resolved(c); c.ResolvedOn = today.AddDate(0, 0, 1) }, []string{FieldResolvedOn}, "cannot be in the future"},
		{"ErrResolvedDayWhileOpen", func(c *Complaint) { c.ResolvedOn = today }, []string{FieldResolvedOn}, "An open complaint has no day"},
		{"ErrEverythingAtOnce", func(c *Complaint) { *c = Complaint{Status: ComplaintResolved} },
			[]string{FieldOpenedOn, FieldWhat, FieldResolution, FieldResolvedOn}, "Enter the day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.edit(&c)
			checkFields(t, c.Validate(testToday), tt.fields, tt.msg)
		})
	}
}

func fill(xs []string, s string) {
	for i := range xs {
		xs[i] = s
	}
}

func TestComplaintNormalize(t *testing.T) {
	c := Complaint{What: " late delivery ", Options: []string{" discount ", "", "  ", "free delivery"}, Resolution: " done\n",
		OpenedOn: time.Date(2026, 3, 1, 18, 0, 0, 0, time.UTC)}
	c.Normalize()
	want := Complaint{What: "late delivery", Options: []string{"discount", "free delivery"}, Resolution: "done",
		OpenedOn: date(2026, 3, 1), Status: ComplaintOpen}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Normalize() = %+v, want %+v", c, want)
	}
}

func TestLostValidate(t *testing.T) {
	today := Day(testToday)
	tests := []struct {
		name   string
		lost   Lost
		fields []string
		msg    string
	}{
		{"NotLost", Lost{}, nil, ""},
		{"OK", Lost{Reason: LostCompetitor, On: today}, nil, ""},
		{"WithDetails", Lost{Reason: LostQuality, Text: "soles wore out", On: today.AddDate(-1, 0, 0)}, nil, ""},
		{"Other", Lost{Reason: LostOther, Text: "closed their business", On: today}, nil, ""},
		{"ErrOtherWithoutText", Lost{Reason: LostOther, On: today}, []string{FieldLostText}, "Write why the client was lost."},
		{"ErrReasonUnknown", Lost{Reason: "bored", On: today}, []string{FieldLostReason}, "from the list"},
		{"ErrDetailsWithoutReason", Lost{Text: "moved to Lyon", On: today}, []string{FieldLostReason}, "Choose why"},
		{"ErrDayMissing", Lost{Reason: LostNoContact}, []string{FieldLostOn}, "Enter the day the client was lost."},
		{"ErrDayTomorrow", Lost{Reason: LostNoContact, On: today.AddDate(0, 0, 1)}, []string{FieldLostOn}, "cannot be in the future"},
		{"ErrDayAncient", Lost{Reason: LostNoContact, On: date(1000, 1, 1)}, []string{FieldLostOn}, "too far in the past"},
		{"ErrTextTooLong", Lost{Reason: LostMovedOrDied, On: today, Text: strings.Repeat("t", MaxLongLen+1)}, []string{FieldLostText}, "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lost
			checkFields(t, l.Validate(testToday), tt.fields, tt.msg)
		})
	}
	l := Lost{Reason: LostFriendsFamily, Text: " sister's shop ", On: time.Date(2026, 2, 3, 22, 0, 0, 0, time.UTC)}
	l.Normalize()
	if want := (Lost{Reason: LostFriendsFamily, Text: "sister's shop", On: date(2026, 2, 3)}); l != want {
		t.Errorf("Normalize() = %+v, want %+v", l, want)
	}
}

func TestContactPlanValidate(t *testing.T) {
	r := func(a, b time.Time) DateRange { return DateRange{From: a, To: b} }
	d := date(2026, 12, 20)
	allYear := []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	tests := []struct {
		name   string
		plan   ContactPlan
		fields []string
		msg    string
	}{
		{"Empty", ContactPlan{}, nil, ""},
		{"Everything", ContactPlan{CheckInDays: 21, QuietMonths: []time.Month{time.August, time.December}, QuietRanges: []DateRange{r(d, d.AddDate(0, 0, 20))}, SnoozedUntil: d}, nil, ""},
		{"DoNotContact", ContactPlan{DoNotContact: true}, nil, ""},
		{"CheckInOneDay", ContactPlan{CheckInDays: 1}, nil, ""},
		{"CheckInAtMax", ContactPlan{CheckInDays: MaxCheckInDays}, nil, ""},
		{"ErrCheckInOverMax", ContactPlan{CheckInDays: MaxCheckInDays + 1}, []string{FieldCheckInDays}, "between 1 and 3650 days, or 0"},
		{"ErrCheckInNegative", ContactPlan{CheckInDays: -1}, []string{FieldCheckInDays}, "between 1 and 3650"},
		{"ElevenQuietMonths", ContactPlan{QuietMonths: allYear[:11]}, nil, ""},
		{"ErrQuietAllYear", ContactPlan{QuietMonths: allYear}, []string{FieldQuietMonths}, "Do not contact"},
		{"ErrMonthZero", ContactPlan{QuietMonths: []time.Month{0}}, []string{FieldQuietMonths}, "Choose quiet months from the list."},
		{"ErrMonth13", ContactPlan{QuietMonths: []time.Month{13}}, []string{FieldQuietMonths}, "from the list"},
		{"OneDayRange", ContactPlan{QuietRanges: []DateRange{r(d, d)}}, nil, ""},
		{"ErrRangeBackwards", ContactPlan{QuietRanges: []DateRange{r(d, d.AddDate(0, 0, -1))}}, []string{FieldQuietRanges}, "cannot end before it starts"},
		{"ErrRangeOpenEnded", ContactPlan{QuietRanges: []DateRange{r(d, time.Time{})}}, []string{FieldQuietRanges}, "both the first and the last day"},
		{"ErrTooManyRanges", ContactPlan{QuietRanges: make([]DateRange, MaxQuietRanges+1)}, []string{FieldQuietRanges}, "at most 50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.plan
			checkFields(t, p.Validate(), tt.fields, tt.msg)
		})
	}
}

func TestContactPlanNormalize(t *testing.T) {
	amt := time.FixedZone("AMT", 4*3600)
	p := ContactPlan{
		QuietMonths: []time.Month{time.December, time.August, time.December, time.January},
		QuietRanges: []DateRange{
			{From: time.Date(2027, 3, 1, 9, 0, 0, 0, amt), To: time.Date(2027, 3, 5, 0, 0, 0, 0, amt)},
			{},
			{From: date(2026, 12, 20), To: date(2027, 1, 10)},
		},
		SnoozedUntil: time.Date(2026, 12, 1, 23, 0, 0, 0, amt),
	}
	p.Normalize()
	want := ContactPlan{
		QuietMonths:  []time.Month{time.January, time.August, time.December},
		QuietRanges:  []DateRange{{From: date(2026, 12, 20), To: date(2027, 1, 10)}, {From: date(2027, 3, 1), To: date(2027, 3, 5)}},
		SnoozedUntil: date(2026, 12, 1),
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Normalize() =\n %+v\nwant\n %+v", p, want)
	}
	var z ContactPlan
	z.Normalize()
	if !reflect.DeepEqual(z, ContactPlan{}) {
		t.Errorf("Normalize() of the zero plan = %+v", z)
	}
}

func TestContactLabels(t *testing.T) {
	type labeled interface {
		Label() string
		Valid() bool
	}
	groups := map[string][]labeled{}
	for _, c := range ContactChannels {
		groups["channel"] = append(groups["channel"], c)
	}
	for _, f := range Feedbacks {
		groups["feedback"] = append(groups["feedback"], f)
	}
	for _, s := range PromiseStatuses {
		groups["promise"] = append(groups["promise"], s)
	}
	for _, s := range ComplaintStatuses {
		groups["complaint"] = append(groups["complaint"], s)
	}
	for _, r := range LostReasons {
		groups["lost"] = append(groups["lost"], r)
	}
	for _, s := range Stages {
		groups["stage"] = append(groups["stage"], s)
	}
	for name, xs := range groups {
		seen := map[string]bool{}
		for _, x := range xs {
			l := x.Label()
			if l == "" || seen[l] || !x.Valid() {
				t.Errorf("%s %v: label %q (repeated %v), valid %v", name, x, l, seen[l], x.Valid())
			}
			seen[l] = true
		}
	}
	invalid := []labeled{ContactChannel("x"), Feedback("x"), PromiseStatus("x"), ComplaintStatus("x"), LostReason("x"), Stage("x"), ContactChannel("")}
	for _, x := range invalid {
		if x.Valid() {
			t.Errorf("%T(%q).Valid() = true", x, x)
		}
	}
	if FeedbackNone.Label() != "No feedback" || LostNoContact.Label() != "No contact / indifference" || ContactInShop.Label() != "In shop" {
		t.Error("a label changed; labels are translation keys")
	}
}
