package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// shortcut is Ctrl+key, or Cmd+key on macOS.
func shortcut(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// menuItem is a main-menu entry with an optional keyboard shortcut.
func menuItem(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, action)
	if key != "" {
		item.Shortcut = shortcut(key)
	}
	return item
}

// newMainMenu builds File, Edit, View and Help. Fyne adds Quit to the
// first menu by itself (the application menu on macOS), and on macOS moves
// an item labelled exactly "Settings…" there too.
func (u *UI) newMainMenu() *fyne.MainMenu {
	file := fyne.NewMenu(lang.L("File"),
		menuItem(lang.L("New client"), fyne.KeyN, u.onMenuNewClient),
		fyne.NewMenuItemSeparator(),
		menuItem(lang.L("Import…"), "", u.showImport),
		menuItem(lang.L("Undo last import…"), "", u.showUndoImport),
		menuItem(lang.L("Export everything…"), fyne.KeyE, u.showExport),
		menuItem(lang.L("Export this list…"), "", u.exportList),
		fyne.NewMenuItemSeparator(),
		menuItem(lang.L("Back up now"), "", u.backupNow),
		menuItem(lang.L("Restore from backup…"), "", u.showRestore),
		menuItem(lang.L("Find duplicates…"), "", u.showDuplicates),
		fyne.NewMenuItemSeparator(),
		menuItem(lang.L("Settings…"), fyne.KeyComma, u.showSettings),
		menuItem(lang.L("Daily reminder…"), "", u.showReminderSettings),
	)
	edit := fyne.NewMenu(lang.L("Edit"),
		menuItem(lang.L("Undo"), fyne.KeyZ, u.onUndo),
		fyne.NewMenuItemSeparator(),
		menuItem(lang.L("Find"), fyne.KeyF, u.onMenuFind),
		menuItem(lang.L("Log contact"), fyne.KeyL, u.onMenuLogContact),
	)
	view := fyne.NewMenu(lang.L("View"),
		menuItem(lang.L("Check-ins"), fyne.Key1, func() { u.onMenuView(u.dueTab) }),
		menuItem(lang.L("Clients"), fyne.Key2, func() { u.onMenuView(u.clientsTab) }),
		menuItem(lang.L("Ladder"), fyne.Key3, func() { u.onMenuView(u.ladderTab) }),
		menuItem(lang.L("Insights"), fyne.Key4, func() { u.onMenuView(u.insightsTab) }),
	)
	help := fyne.NewMenu(lang.L("Help"),
		menuItem(lang.L("Help"), "", u.showHelp),
		menuItem(lang.L("About Client Tracker"), "", u.showAbout),
	)
	return fyne.NewMainMenu(file, edit, view, help)
}

// setUpKeyboard puts the main menu on the window and makes its shortcuts
// work. The desktop driver runs a menu item's shortcut itself; the same
// shortcuts are also registered on the canvas so they work where the menu
// is not consulted (the test driver, a menu a platform leaves out). Esc and
// Enter reach the canvas when no input has the focus: Esc closes the
// dialog on top, Enter saves the form in it.
func (u *UI) setUpKeyboard() {
	menu := u.newMainMenu()
	u.win.SetMainMenu(menu)
	c := u.win.Canvas()
	for _, m := range menu.Items {
		for _, item := range m.Items {
			if item.Shortcut == nil || item.Action == nil {
				continue
			}
			action := item.Action
			c.AddShortcut(item.Shortcut, func(fyne.Shortcut) { action() })
		}
	}
	// The desktop driver turns Ctrl+Z (Cmd+Z) into Fyne's own Undo
	// shortcut, which matches no menu item's: with no input focused it
	// reaches the canvas as that, so Edit › Undo listens for it too.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.onUndo() })
	c.SetOnTypedKey(u.onTypedKey)
}

// dialogOpen reports whether a dialog (or a pop-up) covers the window.
// Shortcuts that change the view wait until it is closed, so nothing
// changes behind it unseen.
func (u *UI) dialogOpen() bool { return u.win.Canvas().Overlays().Top() != nil }

func (u *UI) onMenuNewClient() {
	if u.dialogOpen() {
		return
	}
	u.clients.onNewClient()
}

// onMenuFind shows the client book with the cursor in the search box and
// its text selected, so typing starts a new search.
func (u *UI) onMenuFind() {
	if u.dialogOpen() {
		return
	}
	u.showClients()
	u.clients.focusSearch()
}

func (u *UI) onMenuView(t *container.TabItem) {
	if u.dialogOpen() {
		return
	}
	u.showTab(t)
}

// onMenuLogContact logs a contact with the client whose page is open in
// the client book or, in the check-ins, with the selected row.
func (u *UI) onMenuLogContact() {
	if u.dialogOpen() {
		return
	}
	if u.view == u.tabs {
		switch u.tabs.Selected() {
		case u.clientsTab:
			if p := u.clients.page; p.client != nil && p.form == nil {
				c := p.client
				u.logContact(c.ID, c.Name, c.Channel, p.contactsChanged)
				return
			}
		case u.dueTab:
			if it := u.due.selectedItem(); it != nil {
				u.due.onLog(it)
				return
			}
		}
	}
	dialog.ShowInformation(lang.L("Log contact"),
		lang.L("Open a client first, or select one in the check-ins."), u.win)
}

// onTypedKey handles the keys no input took: Esc closes the dialog on top
// and Enter saves the form in it.
func (u *UI) onTypedKey(k *fyne.KeyEvent) {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	r := u.dialog
	if r != nil && r.popup != top {
		r = nil // a message shown over the form is on top
	}
	switch k.Name {
	case fyne.KeyEscape:
		if r != nil {
			r.d.Hide()
			return
		}
		top.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		if r != nil && !r.save.Disabled() && r.save.OnTapped != nil {
			r.save.OnTapped()
		}
	}
}
