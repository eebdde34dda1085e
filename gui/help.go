package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// helpTopics is the offline help: what each view is for and how to do the
// everyday things, in the owner's words.
func helpTopics() []struct{ title, text string } {
	return []struct{ title, text string }{
		{lang.L("Check-ins"), lang.L("Whom to contact today and why: overdue first, then today, this week and later. " +
			"Call or message the client, then press Log contact. Snooze moves a check-in without a contact; " +
			"Promise kept closes a promise you made.")},
		{lang.L("Clients"), lang.L("Your client book. Search by name, phone (in any format), email, city, tag or note. " +
			"Choose a client to see their preferences, purchases and everything you talked about.")},
		{lang.L("Ladder"), lang.L("Every client stands on a rung, from first-time buyer to loyal advocate. " +
			"Choose a rung to see its clients, what to do with them, and who is ready to move up.")},
		{lang.L("Add a client"), lang.L("Press New client (Ctrl+N), type at least the name, then Save or press Enter. " +
			"Add their likes with Add preference and each sale with Record purchase.")},
		{lang.L("Log a contact"), lang.L("On a client's page, or on a row of the check-ins, press Log contact (Ctrl+L). " +
			"Choose how you reached them, note what they said if you like, and Save. " +
			"The next check-in moves on by itself.")},
		{lang.L("Move a client up the ladder"), lang.L("Clients climb by buying again and by staying in touch. " +
			"On the ladder, look at Ready to move up: a call, a reminder or their loyalty discount is often all it takes. " +
			"You can also pin a client to a rung when you know better than the rules.")},
		{lang.L("Import, export and back up"), lang.L("File > Import brings in clients from a spreadsheet (CSV) or a phone's contacts (vCard). " +
			"File > Export writes your clients to files a spreadsheet opens. " +
			"File > Back up now copies your whole client book; keep a copy on a USB stick, too. " +
			"Restore from backup brings back an earlier copy.")},
		{lang.L("Keyboard"), lang.L("Ctrl+N new client, Ctrl+F search, Ctrl+L log contact, Ctrl+E export, Ctrl+, settings, " +
			"Ctrl+1, 2, 3 switch views. In a form, Enter saves; Esc closes a dialog. On a Mac, use Cmd instead of Ctrl.")},
	}
}

// showHelp opens the help: short, offline, for a shop owner.
func (u *UI) showHelp() {
	box := container.NewVBox()
	for _, t := range helpTopics() {
		title := boldLabel(t.title)
		title.SizeName = theme.SizeNameSubHeadingText
		text := widget.NewLabel(t.text)
		text.Wrapping = fyne.TextWrapWord
		box.Add(title)
		box.Add(text)
	}
	d := dialog.NewCustom(lang.L("Help"), lang.L("Close"), container.NewVScroll(box), u.win)
	// Leave room around the dialog in a small window.
	c := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(620, c.Width-40), min(560, c.Height-40)))
	d.Show()
}
