package gui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// today is the fixed "now" of every view test.
var today = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// newTestUI opens the main window over store in Fyne's headless driver, with
// store calls run inline so the test sees their effect at once.
func newTestUI(t *testing.T, store Store) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := newUI(a, store, inline(Options{Now: func() time.Time { return today }, SampleSize: 40}))
	u.win.Resize(fyne.NewSize(1100, 720))
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u
}

// mustCreate stores a client for a test.
func mustCreate(t *testing.T, s clientCreator, c model.Client) *model.Client {
	t.Helper()
	if err := s.CreateClient(t.Context(), &c); err != nil {
		t.Fatalf("create %q: %v", c.Name, err)
	}
	return &c
}

// listed opens the client list, as the owner does to look at it, and
// returns the names it shows, in order.
func listed(u *UI) []string {
	openClientList(u)
	var names []string
	for i := 0; i < u.clients.length(); i++ {
		if c := u.clients.row(i); c != nil {
			names = append(names, c.Name)
		}
	}
	return names
}

// openClientList shows the client list's tab, which reads the list if it
// has not been read since the window (re)started.
func openClientList(u *UI) {
	u.tabs.Select(u.clientsTab)
}

// shownText renders the window as Fyne's test markup, which holds every
// visible string, so a test can check what the owner would read.
func shownText(u *UI) string { return test.RenderToMarkup(u.win.Canvas()) }

func TestWelcomeOnEmptyDatabase(t *testing.T) {
	u := newTestUI(t, newTestStore(t))
	if u.view != u.welcome.content {
		t.Fatal("an empty database should open on the welcome screen")
	}
	for _, want := range []string{"Welcome to Client Tracker", "Add your first client", "Import my clients…", "Try it with sample clients", "Your shop's country"} {
		if !strings.Contains(shownText(u), want) {
			t.Errorf("welcome screen does not show %q", want)
		}
	}
}

func TestAddFirstClientByTyping(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)

	test.Tap(u.welcome.add)
	f := u.clients.page.form
	if f == nil {
		t.Fatal("Add your first client did not open the client form")
	}
	test.Type(f.name, "Հովհաննես Սարգսյան")
	test.Type(f.phones, "+374 10 12-34-56")
	test.Type(f.email, "hovo@example.com")
	test.Type(f.city, "Yerevan")
	test.Type(f.tags, "wholesale, wedding")
	test.Tap(f.save)

	rows, total, err := store.ListClients(t.Context(), model.ClientFilter{})
	if err != nil || total != 1 {
		t.Fatalf("stored %d clients (err %v), want 1", total, err)
	}
	c := rows[0]
	if c.Name != "Հովհաննես Սարգսյան" || c.Email != "hovo@example.com" || c.City != "Yerevan" {
		t.Errorf("stored %+v", c)
	}
	if len(c.Phones) != 1 || c.Phones[0] != "+374 10 12-34-56" {
		t.Errorf("phones stored as %q, want exactly as typed", c.Phones)
	}
	if strings.Join(c.Tags, "|") != "wholesale|wedding" {
		t.Errorf("tags stored as %q", c.Tags)
	}
	if !c.Since.Equal(model.Day(today)) {
		t.Errorf("client since = %v, want today by default", c.Since)
	}
	if u.view != u.tabs || u.tabs.Selected() != u.clientsTab {
		t.Error("after the first client the window should show the client book")
	}
	if got := listed(u); len(got) != 1 || got[0] != c.Name {
		t.Errorf("list shows %q, want the new client", got)
	}
	if u.clients.page.title == nil || u.clients.page.title.Text != c.Name {
		t.Error("the new client's page is not shown after saving")
	}
}

func TestEmptyNameShowsErrorAndSavesNothing(t *testing.T) {
	for _, name := range []string{"", "   "} {
		t.Run(fmt.Sprintf("%q", name), func(t *testing.T) {
			store := newTestStore(t)
			mustCreate(t, store, model.Client{Name: "Ana Popescu"})
			u := newTestUI(t, store)

			test.Tap(u.clients.newBtn)
			f := u.clients.page.form
			test.Type(f.name, name)
			test.Type(f.email, "x@example.com")
			test.Tap(f.save)

			nameField := f.fields.field(model.FieldName)
			if !nameField.err.Visible() || nameField.err.Text != "Enter the client's name." {
				t.Errorf("name error shown = %v %q, want the message next to the field", nameField.err.Visible(), nameField.err.Text)
			}
			if n, _ := store.CountClients(t.Context()); n != 1 {
				t.Errorf("store holds %d clients, want only the existing one", n)
			}
			if u.clients.page.form != f {
				t.Error("the form closed although nothing was saved; what was typed would be lost")
			}
		})
	}
}

func TestBadFieldsShowEveryProblem(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)
	test.Tap(u.welcome.add)
	f := u.clients.page.form
	test.Type(f.name, "Ion Rusu")
	test.Type(f.email, "bob@")
	test.Type(f.phones, "12")
	f.bday.SetSelectedIndex(30)  // 30
	f.bmonth.SetSelectedIndex(2) // February
	test.Tap(f.save)

	want := map[string]string{
		model.FieldEmail:    "\"bob@\" is not an email address",
		model.FieldPhones:   "too short",
		model.FieldBirthday: "no such day",
	}
	for field, msg := range want {
		e := f.fields.field(field).err
		if !e.Visible() || !strings.Contains(e.Text, msg) {
			t.Errorf("%s: shown %q (visible %v), want it to contain %q", field, e.Text, e.Visible(), msg)
		}
	}
	if e := f.fields.field(model.FieldName).err; e.Visible() {
		t.Errorf("name is fine but shows %q", e.Text)
	}
	if n, _ := store.CountClients(t.Context()); n != 0 {
		t.Errorf("store holds %d clients, want none", n)
	}

	// Fixing the fields saves the client and clears the messages.
	f.email.SetText("ion@example.com")
	f.phones.SetText("+40 721 234 567")
	f.bday.SetSelectedIndex(28)
	test.Tap(f.save)
	if n, _ := store.CountClients(t.Context()); n != 1 {
		t.Fatalf("after fixing, store holds %d clients, want 1", n)
	}
}

func TestSearchFindsClientByFormattedPhone(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu", Phones: []string{"+40 721 234 567"}})
	mustCreate(t, store, model.Client{Name: "ნინო ბერიძე", Phones: []string{"37410123456"}})
	mustCreate(t, store, model.Client{Name: "Ольга Петрова", City: "Chișinău"})
	u := newTestUI(t, store)
	if got := listed(u); len(got) != 3 {
		t.Fatalf("list shows %q, want all three clients", got)
	}

	for _, q := range []string{"+374 10 12-34-56", "(10) 12 34 56", "374-10"} {
		u.clients.search.SetText("")
		test.Type(u.clients.search, q)
		if got := listed(u); len(got) != 1 || got[0] != "ნინო ბერიძე" {
			t.Errorf("search %q lists %q, want ნინო ბერიძე", q, got)
		}
		if !strings.Contains(u.clients.count.Text, "1") {
			t.Errorf("search %q: count says %q", q, u.clients.count.Text)
		}
	}

	u.clients.search.SetText("")
	test.Type(u.clients.search, "zzz")
	if got := listed(u); len(got) != 0 {
		t.Errorf("search zzz lists %q", got)
	}
	if !strings.Contains(u.clients.count.Text, "No client matches") {
		t.Errorf("no match should say so, count says %q", u.clients.count.Text)
	}
}

// An owner typing a number in its national form, digit by digit, sees the
// client stored in international form at every step from the third digit:
// the list never empties halfway through the number.
func TestSearchKeepsClientWhileTypingNationalNumber(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Արամ Պետրոսյան", Phones: []string{"+374 95 430752"}})
	mustCreate(t, store, model.Client{Name: "Ion Rusu", Phones: []string{"+373 69 123 456"}})
	u := newTestUI(t, store)
	typed := ""
	for _, r := range "095430752" {
		test.Type(u.clients.search, string(r))
		typed += string(r)
		if len(typed) < 3 {
			continue
		}
		if got := listed(u); len(got) != 1 || got[0] != "Արամ Պետրոսյան" {
			t.Errorf("after typing %q the list shows %q, want Արամ Պետրոսյան", typed, got)
		}
	}
}

func TestRecordPurchaseRejectsUnpaidAboveAmount(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Ștefan Ionescu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)
	if u.clients.page.client == nil || u.clients.page.client.ID != c.ID {
		t.Fatal("selecting the row did not open the client")
	}

	u.clients.page.editPurchase(nil)
	d := topDialogFields(t, u)
	test.Type(d.field(model.FieldItem).input.(*textEntry), "winter boots")
	test.Type(d.field(model.FieldAmount).input.(*textEntry), "12,50")
	test.Type(d.field(model.FieldUnpaid).input.(*textEntry), "20")
	tapSave(t, u)
	if e := d.field(model.FieldUnpaid).err; !e.Visible() || !strings.Contains(e.Text, "cannot be larger than the amount") {
		t.Errorf("unpaid error = %q (visible %v)", e.Text, e.Visible())
	}
	if ps, _ := store.ListPurchases(t.Context(), c.ID); len(ps) != 0 {
		t.Fatalf("a purchase was stored despite the error: %+v", ps)
	}

	unpaid := d.field(model.FieldUnpaid).input.(*textEntry)
	unpaid.SetText("")
	test.Type(unpaid, "2,50")
	tapSave(t, u)
	ps, _ := store.ListPurchases(t.Context(), c.ID)
	if len(ps) != 1 || ps[0].Amount != 1250 || ps[0].Unpaid != 250 || ps[0].Item != "winter boots" || !ps[0].Date.Equal(model.Day(today)) {
		t.Fatalf("stored %+v, want winter boots 12.50 with 2.50 unpaid today", ps)
	}
	if s := u.clients.page.stats.Text; !strings.Contains(s, "1 purchases") && !strings.Contains(s, "1 purchase") {
		t.Errorf("client page figures say %q", s)
	}
	if !strings.Contains(shownText(u), "Owes 2,50") {
		t.Error("the client page does not show the balance owed")
	}
}

func TestAddPreferenceShowsOnClientPage(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Mihai Țurcanu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)

	u.clients.page.editPreference(nil)
	d := topDialogFields(t, u)
	test.Tap(d.field(model.FieldValue).input.(*textEntry)) // empty: an error, nothing stored
	tapSave(t, u)
	if e := d.field(model.FieldValue).err; !e.Visible() {
		t.Error("an empty preference should show what to write")
	}
	test.Type(d.field(model.FieldValue).input.(*textEntry), "navy")
	d.field(model.FieldCategory).input.(*widget.Select).SetSelected("Colour")
	tapSave(t, u)

	prefs, _ := store.ListPreferences(t.Context(), c.ID)
	if len(prefs) != 1 || prefs[0].Value != "navy" || prefs[0].Category != model.PrefColour || prefs[0].Attitude != model.Likes {
		t.Fatalf("stored %+v", prefs)
	}
	if !strings.Contains(shownText(u), "navy") {
		t.Error("the client page does not show the new preference")
	}
}

func TestDeleteClientAsksFirst(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	mustCreate(t, store, model.Client{Name: "Zara Ali"})
	if err := store.CreatePurchase(t.Context(), &model.Purchase{ClientID: c.ID, Date: today, Item: "hat", Amount: 100}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)
	u.clients.page.onDelete()
	if !strings.Contains(shownText(u), "Delete Ion Rusu?") {
		t.Fatal("no confirmation was asked before deleting")
	}
	if n, _ := store.CountClients(t.Context()); n != 2 {
		t.Fatal("the client was deleted before the owner confirmed")
	}
	tapButton(t, u, "Delete")
	if _, err := store.GetClient(t.Context(), c.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("client still stored after confirming: %v", err)
	}
	if ps, _ := store.ListPurchases(t.Context(), c.ID); len(ps) != 0 {
		t.Errorf("their purchases survived: %+v", ps)
	}
	if got := listed(u); len(got) != 1 || got[0] != "Zara Ali" {
		t.Errorf("list shows %q after delete", got)
	}
}

// The window opens on the check-ins and reads the client list when the
// owner first opens it, not before; a change made meanwhile is in it then.
func TestClientListReadWhenFirstShown(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	if u.tabs.Selected() != u.dueTab {
		t.Fatal("the window did not open on the check-ins")
	}
	if n := u.clients.length(); n != 0 {
		t.Errorf("the hidden client list was read at start: %d clients", n)
	}
	mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	if got := listed(u); !slices.Equal(got, []string{"Ana Popescu", "Ion Rusu"}) {
		t.Errorf("opened, the client list shows %q", got)
	}
}

// A change made while the client list is hidden is read when the owner
// opens the list, not at once: logging a contact on the check-ins leaves
// the list to be read, and opening it shows the change.
func TestClientListReadWhenShownAfterAChange(t *testing.T) {
	store := newTestStore(t)
	clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	if got := listed(u); !slices.Equal(got, []string{"Ana Popescu"}) {
		t.Fatalf("the client list shows %q", got)
	}
	u.tabs.Select(u.dueTab)
	r := dueRowFor(u, "Ana Popescu")
	if r == nil {
		t.Fatal("Ana is not listed on the check-ins")
	}
	test.Tap(r.log)
	tapSave(t, u)
	if !u.clients.stale {
		t.Error("the hidden client list was read again after the contact")
	}
	mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	if got := listed(u); !slices.Equal(got, []string{"Ana Popescu", "Ion Rusu"}) {
		t.Errorf("opened, the client list shows %q", got)
	}
}

// Back from the import screen to the client list through View > Clients,
// the list is read again, though its tab stayed selected behind the
// screen: a client another program added meanwhile is in it.
func TestClientListReadAgainBackFromImport(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	if got := listed(u); !slices.Equal(got, []string{"Ana Popescu"}) {
		t.Fatalf("the client list shows %q", got)
	}
	openImport(t, u, writeTemp(t, "clients.csv", "Name,Phone\nDan Lungu,+40 721 555 010\n"))
	mustCreate(t, store, model.Client{Name: "Ion Rusu"}) // as the command line would
	u.onMenuView(u.clientsTab)
	if u.view != u.tabs || u.tabs.Selected() != u.clientsTab {
		t.Fatal("View > Clients did not show the client list")
	}
	var got []string
	for i := 0; i < u.clients.length(); i++ {
		if c := u.clients.row(i); c != nil {
			got = append(got, c.Name)
		}
	}
	if !slices.Equal(got, []string{"Ana Popescu", "Ion Rusu"}) {
		t.Errorf("back from the import screen, the client list shows %q", got)
	}
}

func TestLoadSampleData(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)
	test.Tap(u.welcome.sample)
	n, _ := store.CountClients(t.Context())
	if n != 40 {
		t.Fatalf("sample data created %d clients, want 40", n)
	}
	if u.view != u.tabs || u.tabs.Selected() != u.dueTab {
		t.Error("after loading, the app should show whom to contact")
	}
	openClientList(u)
	if u.clients.length() != 40 {
		t.Errorf("the client book lists %d, want all 40", u.clients.length())
	}
}

// topDialogFields returns the fields of the record dialog on top of the window.
func topDialogFields(t *testing.T, u *UI) fieldSet {
	t.Helper()
	fs, ok := lastRecordDialog(u)
	if !ok {
		t.Fatal("no record dialog is open")
	}
	return fs
}

// lastRecordDialog returns the fields of the open record dialog.
func lastRecordDialog(u *UI) (fieldSet, bool) {
	if u.dialog == nil {
		return nil, false
	}
	return u.dialog.fields, true
}

// tapSave taps Save in the dialog on top, as the owner would.
func tapSave(t *testing.T, u *UI) {
	t.Helper()
	tapButton(t, u, "Save")
}

// tapButton taps the button labelled label in the top overlay (a dialog).
func tapButton(t *testing.T, u *UI, label string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open to tap %q in", label)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == label && b.Visible() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the open dialog has no %q button", label)
}

func TestCountsUseSingularAndPlural(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	openClientList(u)
	if got := u.clients.count.Text; got != "1 client" {
		t.Errorf("one client is counted as %q", got)
	}
	mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	u.clients.reload()
	if got := u.clients.count.Text; got != "2 clients" {
		t.Errorf("two clients are counted as %q", got)
	}
}

func TestSettingsChangeHowMoneyIsShown(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	if err := store.CreatePurchase(t.Context(), &model.Purchase{ClientID: c.ID, Date: today, Item: "coat", Amount: 123450}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)
	if !strings.Contains(u.clients.page.stats.Text, "1\u202f234,50\u00a0lei") {
		t.Fatalf("before: figures say %q, want Romanian lei", u.clients.page.stats.Text)
	}
	test.Tap(u.clients.settingsBtn)
	d := topDialogFields(t, u)
	sym := d.field("symbol").input.(*textEntry)
	sym.SetText("")
	test.Type(sym, "€")
	d.field("position").input.(*widget.RadioGroup).SetSelected("before the amount")
	d.field("decimal").input.(*widget.RadioGroup).SetSelected("dot: 12.50")
	if got := d.field("preview").input.(*widget.Label).Text; got != "€\u00a01\u202f234.56" {
		t.Errorf("preview shows %q", got)
	}
	tapSave(t, u)
	s, _ := store.Settings(t.Context())
	if s.Money.Symbol != "€" || !s.Money.SymbolFirst || s.Money.Decimal != "." {
		t.Errorf("stored %+v", s.Money)
	}
	if !strings.Contains(u.clients.page.stats.Text, "€\u00a01\u202f234.50") {
		t.Errorf("after: figures say %q", u.clients.page.stats.Text)
	}
}
