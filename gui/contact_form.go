package gui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// contactForm is the part of a form that says what a contact was: when
// (day and time), how, what was said and the client's feedback. Log
// contact and Edit contact share it.
type contactForm struct {
	whenDay   *widget.DateEntry
	whenClock *textEntry
	channel   *widget.Select
	summary   *textEntry
	feedback  *widget.RadioGroup
	fbNames   []string
	words     *textEntry
}

// newContactForm fills the form with c (c.At in local time).
func newContactForm(c model.Interaction) *contactForm {
	f := &contactForm{channel: widget.NewSelect(channelNames(), nil), summary: newEntry(), words: newEntry()}
	for i, ch := range model.ContactChannels {
		if ch == c.Channel {
			f.channel.SetSelectedIndex(i)
		}
	}
	at := c.At.In(time.Local)
	f.whenDay = dateEntry(model.Day(at))
	f.whenClock = newEntry()
	f.whenClock.SetText(at.Format("15:04"))
	f.summary.SetText(c.Summary)
	f.summary.SetPlaceHolder(lang.L("What you talked about (optional)"))
	f.fbNames = make([]string, len(feedbacks))
	for i, fb := range feedbacks {
		f.fbNames[i] = lang.L(fb.Label())
	}
	f.feedback = widget.NewRadioGroup(f.fbNames, nil)
	f.feedback.Horizontal = true
	f.feedback.SetSelected(f.fbNames[0])
	for i, fb := range feedbacks {
		if fb == c.Feedback {
			f.feedback.SetSelected(f.fbNames[i])
		}
	}
	f.words.SetText(c.FeedbackText)
	f.words.SetPlaceHolder(lang.L("Their words, if they gave feedback"))
	return f
}

// fields are the form's rows.
func (f *contactForm) fields() fieldSet {
	return fieldSet{
		newFormField(model.FieldAt, lang.L("When"), container.NewGridWithColumns(2, f.whenDay, f.whenClock)),
		newFormField(model.FieldChannel, lang.L("How"), f.channel),
		newFormField(model.FieldSummary, lang.L("Summary"), f.summary),
		newFormField(model.FieldFeedback, lang.L("Feedback"), f.feedback),
		newFormField(model.FieldFeedbackText, lang.L("They said"), f.words),
	}
}

// read sets c's time, channel, summary and feedback from the form and
// reports every problem in ve, as of now.
func (f *contactForm) read(c *model.Interaction, now time.Time, ve *model.ValidationError) {
	c.Summary, c.FeedbackText, c.At = f.summary.Text, f.words.Text, time.Time{}
	day, ok := dateOf(f.whenDay)
	at, okClock := model.ContactTime(day, f.whenClock.Text, time.Local)
	switch {
	case !ok || day.IsZero():
		ve.Add(model.FieldAt, "This is not a date; pick it from the calendar.")
	case !okClock:
		ve.Add(model.FieldAt, "Write the time as hours and minutes, for example 16:30.")
	default:
		c.At = at
	}
	if i := f.channel.SelectedIndex(); i >= 0 {
		c.Channel = model.ContactChannels[i]
	}
	c.Feedback = model.FeedbackNone
	for i, n := range f.fbNames {
		if f.feedback.Selected == n {
			c.Feedback = feedbacks[i]
		}
	}
	c.Normalize()
	missing := c.At.IsZero()
	if missing {
		c.At = now // already reported above; keeps Validate from saying it twice
	}
	ve.Merge(c.Validate(now))
	if missing {
		c.At = time.Time{}
	}
}
