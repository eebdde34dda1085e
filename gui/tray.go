package gui

import (
	"context"
	// Fyne's Windows driver decodes the tray icon with image.Decode to
	// make an .ico of it, and nothing else in the Windows build registers
	// PNG: without this the tray has no icon there (seen under Wine).
	_ "image/png"
	"runtime"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/assets"
	"clienttracker/gui/autostart"
	"clienttracker/model"
)

// The tray and the daily reminder. With the option on (the default on
// Windows and macOS, where owners expect it; off on Linux), closing the
// window leaves Client Tracker in the system tray (the menu bar on macOS),
// it starts at login, and once a day at the hour the owner picks it says
// how many clients to contact and promises fall due: an owner who does not
// open the app is the one whose clients drift away for lack of contact.
// The choices are the computer's, not the book's: they live in the app's
// preferences.
const (
	prefKeepInTray   = "keepInTray"
	prefReminderHour = "reminderHour"
	// One notification a day, whichever sends it: the one at start
	// (notifyDaily) or the reminder.
	prefLastReminder = "lastDueNotification"
)

// reminderTick is how often the reminder looks at the clock: a minute is
// on time for a daily note, and catches up soon after the computer wakes.
const reminderTick = time.Minute

// trayDefault is the option's value until the owner changes it.
func trayDefault() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }

func (u *UI) keepInTray() bool {
	return u.app.Preferences().BoolWithFallback(prefKeepInTray, trayDefault())
}

// reminder is the owner's reminder as the rule in model sees it.
func (u *UI) reminder() model.Reminder {
	p := u.app.Preferences()
	last, _ := model.ParseDate(p.String(prefLastReminder)) // "" or a bad value: never sent
	return model.Reminder{Hour: p.IntWithFallback(prefReminderHour, model.DefaultReminderHour), LastSent: last}
}

// setUpTray puts the app in the tray when the option is on, makes closing
// the window hide it then, and starts the clock of the reminder, which
// also notices a new day (checkDay).
func (u *UI) setUpTray() {
	u.win.SetCloseIntercept(u.onCloseWindow)
	u.applyTray()
	u.syncAutostart(u.keepInTray())
	if u.opts.Inline {
		return // no UI goroutine to tick on: the caller calls checkReminder and checkDay
	}
	go func() {
		for range time.Tick(reminderTick) {
			fyne.Do(func() {
				u.checkReminder()
				u.checkDay()
			})
		}
	}()
}

// applyTray shows the tray icon and menu when the option is on. Fyne
// cannot take a tray icon away again; with the option off, closing the
// window quits and the tray goes with it.
func (u *UI) applyTray() {
	if !u.keepInTray() || u.trayShown {
		return
	}
	if d, ok := u.app.(desktop.App); ok {
		// The icon first: the tray starts with the menu, and with no icon
		// set it takes Fyne's (SVG), which Windows cannot show.
		d.SetSystemTrayIcon(assets.WindowIcon)
		d.SetSystemTrayMenu(u.trayMenu())
		u.trayShown = true
	}
}

// InTray reports whether the app sits in the tray: a start at login
// (--background) then waits there without a window. Without a tray (the
// option off, or a desktop without one) the window shows, so the app never
// runs where the owner cannot reach it.
func (u *UI) InTray() bool { return u.trayShown }

// trayMenu is the tray icon's menu; Fyne adds Quit at its end.
func (u *UI) trayMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Client Tracker"),
		fyne.NewMenuItem(lang.L("Open check-ins"), u.openCheckIns),
		fyne.NewMenuItem(lang.L("Daily reminder…"), func() {
			u.openCheckIns()
			u.showReminderSettings()
		}),
	)
}

// onCloseWindow hides the window instead of quitting when the app stays in
// the tray.
func (u *UI) onCloseWindow() {
	if u.keepInTray() && u.trayShown {
		u.saveWindowSize()
		u.win.Hide()
		u.winShown = false
		return
	}
	u.win.Close()
}

// openCheckIns brings the window back on the check-ins, read afresh.
func (u *UI) openCheckIns() {
	u.Show()
	u.win.RequestFocus()
	if u.view == u.tabs {
		u.tabs.Select(u.dueTab)
		u.due.reload()
	}
}

// bringToFront is what a later launch of the app on this book asks for
// (Books.Serve): a window waiting in the tray comes back on the check-ins,
// as a new start would show it; one already up comes to the front as the
// owner left it.
func (u *UI) bringToFront() {
	if !u.winShown {
		u.openCheckIns()
		return
	}
	u.win.Show()
	u.win.RequestFocus()
}

// checkReminder sends today's reminder if its hour has come (model's
// rule), counting as the check-in list does. It runs on the UI goroutine.
func (u *UI) checkReminder() {
	if !u.keepInTray() || !u.reminder().Due(u.now()) {
		return
	}
	today := u.today()
	var news model.DailyNews
	u.run(func(ctx context.Context) error {
		page, err := u.storeTray().DueList(ctx, today, model.DueQuery{Limit: 1})
		if err != nil {
			return err
		}
		news.Clients = page.Counts.Now()
		news.Promises, err = u.storeTray().CountPromisesDue(ctx, today)
		return err
	}, func(err error) {
		if err != nil {
			fyne.LogError("daily reminder", err)
			return
		}
		// Marked sent even with nothing to say, so it is counted once.
		u.app.Preferences().SetString(prefLastReminder, model.FormatDate(today))
		if news.Worth() {
			u.app.SendNotification(fyne.NewNotification(lang.L("Client Tracker"), reminderText(news)))
		}
	})
}

// reminderText is "15 clients to contact today; 2 promises due".
func reminderText(n model.DailyNews) string {
	clients := lang.LocalizePlural("{{.Count}} clients to contact today", n.Clients, map[string]any{"Count": n.Clients})
	promises := lang.LocalizePlural("{{.Count}} promises due", n.Promises, map[string]any{"Count": n.Promises})
	switch {
	case n.Promises == 0:
		return clients
	case n.Clients == 0:
		return promises
	}
	return clients + "; " + promises
}

// showReminderSettings is the "Daily reminder" dialog: the option and the
// hour.
func (u *UI) showReminderSettings() {
	keep := widget.NewCheck(lang.L("Remind me every day, even with the window closed"), nil)
	note := widget.NewLabel(lang.L("Closing the window then leaves Client Tracker in the system tray, and it starts when you log in, so the reminder comes on days you do not open it too."))
	note.Wrapping = fyne.TextWrapWord
	keep.SetChecked(u.keepInTray())
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = hourLabel(h)
	}
	hour := widget.NewSelect(hours, nil)
	hour.SetSelected(hourLabel(u.reminder().Hour))
	form := container.NewVBox(keep, note, widget.NewForm(widget.NewFormItem(lang.L("Remind me at"), hour)))
	d := dialog.NewCustomConfirm(lang.L("Daily reminder"), lang.L("Save"), lang.L("Cancel"), form, func(ok bool) {
		if ok {
			u.saveReminder(keep.Checked, hour.SelectedIndex())
		}
	}, u.win)
	d.Show()
	u.reminderDialog = d
}

func hourLabel(h int) string {
	if h < 10 {
		return "0" + strconv.Itoa(h) + ":00"
	}
	return strconv.Itoa(h) + ":00"
}

// saveReminder keeps the owner's choice, and installs or removes the start
// at login to match.
func (u *UI) saveReminder(keep bool, hour int) {
	if err := (model.Reminder{Hour: hour}).Validate(); err == nil {
		u.app.Preferences().SetInt(prefReminderHour, hour)
	}
	u.app.Preferences().SetBool(prefKeepInTray, keep)
	u.applyTray()
	u.syncAutostart(keep)
}

// syncAutostart installs the start at login when on (again, in case the
// program moved) and removes it when off.
func (u *UI) syncAutostart(on bool) {
	a := u.opts.Autostart
	if a.Exe == "" {
		return
	}
	var err error
	if on {
		err = autostart.Enable(a)
	} else {
		err = autostart.Disable(a)
	}
	if err != nil {
		u.showError(lang.L("Could not change what starts when you log in."), err)
	}
}

// trayStore is what the daily reminder reads.
type trayStore interface {
	CountPromisesDue(ctx context.Context, today time.Time) (int, error) // the daily reminder (tray.go)
	DueList(ctx context.Context, today time.Time, q model.DueQuery) (model.DuePage, error)
}

// storeTray is the window's store as trayStore: what this file may call.
func (u *UI) storeTray() trayStore { return u.store }
