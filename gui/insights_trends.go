package gui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"clienttracker/model"
)

// showCheckIns draws the check-ins the day's lists asked for beside the
// clients contacted, week by week, and says from which day the lists were
// recorded: before it, what was due is not known.
func (v *insightsView) showCheckIns(in model.Insights) {
	due := chartSeries{Name: lang.L("Check-ins due"), Faint: true}
	done := chartSeries{Name: lang.L("Check-ins done")}
	var weeks []string
	for _, w := range in.Current.CheckIns {
		weeks = append(weeks, w.Week.Format("01-02"))
		if w.Days == 0 { // the app was not opened that week: no record, not a zero
			due.Values = append(due.Values, 0)
			due.Texts = append(due.Texts, lang.L("not recorded"))
			done.Values = append(done.Values, 0)
			done.Texts = append(done.Texts, lang.L("not recorded"))
			continue
		}
		due.Values = append(due.Values, float64(w.Due))
		due.Texts = append(due.Texts, strconv.Itoa(w.Due))
		done.Values = append(done.Values, float64(w.Done))
		done.Texts = append(done.Texts, strconv.Itoa(w.Done)+" ("+strconv.Itoa(int(w.DonePercent()+0.5))+" %)")
	}
	v.checkIns.set(weeks, []chartSeries{due, done})
	if in.CheckInsSince.IsZero() {
		v.checkNote.SetText(lang.L("Check-ins due are recorded from the first day the check-ins list is opened with this version; nothing is recorded yet."))
		return
	}
	v.checkNote.SetText(lang.L("Check-ins due are recorded since {{.Day}}, on the days the app was opened; weeks start on Monday.",
		map[string]any{"Day": model.FormatDate(in.CheckInsSince)}))
}

// showLost draws the clients marked lost each month, those lost for lack
// of contact (the study's 67 %) beside every other reason.
func (v *insightsView) showLost(f model.Figures) {
	nc := chartSeries{Name: lang.L(model.LostNoContact.Label())}
	other := chartSeries{Name: lang.L("Other reasons"), Faint: true}
	var months []string
	for _, m := range f.LostByMonth {
		months = append(months, monthLabel(m.Month, len(f.LostByMonth)))
		l := m.NoContact()
		nc.Values = append(nc.Values, float64(l.Count))
		nc.Texts = append(nc.Texts, lang.L("{{.Count}} ({{.Percent}} %; study: 67 %)",
			map[string]any{"Count": l.Count, "Percent": int(l.Percent + 0.5)}))
		rest := m.Total() - l.Count
		other.Values = append(other.Values, float64(rest))
		other.Texts = append(other.Texts, strconv.Itoa(rest))
	}
	v.lost.set(months, []chartSeries{nc, other})
}
