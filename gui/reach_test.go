package gui

import (
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// recordLinks replaces the window's link opener and returns what it was
// asked to open.
func recordLinks(u *UI) *[]string {
	var opened []string
	u.opts.OpenURL = func(l *url.URL) error { opened = append(opened, l.String()); return nil }
	return &opened
}

// mustCreateTamar stores an Armenian-speaking client who prefers messages
// and bought winter boots three days ago: a thank-you is due.
func mustCreateTamar(t *testing.T, store realDB) *model.Client {
	t.Helper()
	c := &model.Client{Name: "Թամար Տիգրանյան", Phones: []string{"091 23-45-67"}, Email: "tamar@example.am",
		Language: "hy", Channel: model.ChannelMessage, Notes: "Left unhappy last time: call to make it right."}
	if err := store.CreateClient(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	pu := &model.Purchase{ClientID: c.ID, Date: model.Day(today).AddDate(0, 0, -3), Item: "ձմեռային կոշիկներ", Amount: 4500000}
	if err := store.CreatePurchase(t.Context(), pu); err != nil {
		t.Fatal(err)
	}
	return c
}

// The client page starts with how to reach Tamar: her note, her number
// with WhatsApp first (she prefers messages), and an Armenian thank-you
// for her boots. One click opens WhatsApp with it; one more logs it.
func TestOneClickContactFromTheClientPage(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	u := newTestUI(t, store)
	opened := recordLinks(u)
	u.openClient(c.ID)
	p := u.clients.page
	if p.client == nil || p.client.ID != c.ID {
		t.Fatal("the client page did not open")
	}
	if u.clients.selected != c.ID {
		t.Error("opening the client did not select her row in the list")
	}
	if p.note == nil || !strings.Contains(p.note.Text, "make it right") {
		t.Error("the note that matters is not on the page")
	}
	want := "Բարև ձեզ, Թամար։ Շնորհակալություն գնման համար՝ ձմեռային կոշիկներ։ Ամեն ինչ կարգի՞ն է։ Եթե ինչ-որ բան այնպես չէ, ասեք, և ես կուղղեմ։"
	if p.message == nil || p.message.Text != want {
		t.Fatalf("the message reads %q, want the Armenian thank-you", p.message.Text)
	}
	var labels []string
	for _, b := range p.reachButtons {
		labels = append(labels, b.Text)
	}
	if got := strings.Join(labels, ","); got != "WhatsApp,Viber,Telegram,SMS,Call,Email" {
		t.Errorf("the ways to reach her: %s", got)
	}

	test.Tap(p.reachButtons[0])
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], "https://wa.me/37491234567?text=") {
		t.Fatalf("opened %v", *opened)
	}
	sent, _ := url.Parse((*opened)[0])
	if got := sent.Query().Get("text"); got != want {
		t.Errorf("WhatsApp got the text %q", got)
	}
	tapButton(t, u, "Log contact")
	got, err := store.ListInteractions(t.Context(), c.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("contacts after one click: %v, %v", got, err)
	}
	if got[0].Channel != model.ContactMessage || got[0].Summary != want {
		t.Errorf("logged %+v", got[0])
	}

	// Viber opens the chat by number; the text waits on the clipboard.
	test.Tap(p.reachButtons[1])
	if last := (*opened)[len(*opened)-1]; last != "viber://chat?number=%2B37491234567" {
		t.Errorf("Viber link %s", last)
	}
	if clip := u.app.Clipboard().Content(); clip == "" {
		t.Error("the message is not on the clipboard for Viber")
	}
	tapButton(t, u, "Not now")
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 1 {
		t.Errorf("Not now logged a contact: %d", len(got))
	}
}

// The check-ins offer the same ways on every row, with the message for
// the reason the client is due.
func TestOneClickContactFromTheCheckIns(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	u := newTestUI(t, store)
	opened := recordLinks(u)
	var reasons []model.Reason
	for i := 0; i < u.due.counts.Total(); i++ {
		if it := u.due.item(i); it != nil && it.ClientID == c.ID {
			reasons = it.Reasons
		}
	}
	if len(reasons) == 0 {
		t.Fatal("Tamar is not on the check-ins")
	}
	full, err := store.GetClient(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	menu := u.reachMenu(targetOf(full, reasons), nil, nil)
	var labels []string
	for _, it := range menu.Items {
		if !it.IsSeparator {
			labels = append(labels, it.Label)
		}
	}
	if len(labels) != 6 || labels[0] != "WhatsApp · 091 23-45-67" || labels[5] != "Email · tamar@example.am" {
		t.Fatalf("the row offers %q", labels)
	}
	menu.Items[len(menu.Items)-1].Action()
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], "mailto:tamar@example.am?body=") {
		t.Fatalf("opened %v", *opened)
	}
	tapButton(t, u, "Log contact")
	if got, _ := store.ListInteractions(t.Context(), c.ID); len(got) != 1 || got[0].Channel != model.ContactEmail {
		t.Errorf("logged %+v", got)
	}
}

// The owner rewrites the Armenian thank-you in Settings › Messages; the
// client page writes the new wording.
func TestMessagesAreEditableInSettings(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	u := newTestUI(t, store)
	v := u.openSettings()
	v.msgs.langSel.SetSelected("Հայերեն")
	e := v.msgs.entries[model.MessageFollowUp]
	if e.Text != model.DefaultTemplate(model.MessageFollowUp, "hy") {
		t.Fatalf("the Armenian thank-you reads %q", e.Text)
	}
	e.SetText("{name}, շնորհակալություն {nmae}")
	test.Tap(v.r.save)
	if f := v.r.fields.field(model.FieldTemplate(model.MessageFollowUp, "hy")); f == nil || !f.err.Visible() {
		t.Fatal("a misspelt placeholder is not shown under its message")
	}
	e.SetText("{name}, շնորհակալություն {item}-ի համար։")
	test.Tap(v.r.save)
	ts, err := store.MessageTemplates(t.Context())
	if err != nil || ts[model.TemplateKey(model.MessageFollowUp, "hy")] != "{name}, շնորհակալություն {item}-ի համար։" || len(ts) != 1 {
		t.Fatalf("stored %v, %v", ts, err)
	}
	u.openClient(c.ID)
	if got := u.clients.page.message.Text; got != "Թամար, շնորհակալություն ձմեռային կոշիկներ-ի համար։" {
		t.Errorf("the page writes %q", got)
	}
}

// Move to… a rung from the client page pins the client there.
func TestMoveToFromTheClientPage(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	test.Tap(u.clients.page.moveBtn)
	// A pop-up menu sits in fyne's overlay container, in its Content.
	var menu *widget.PopUpMenu
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if m, ok := o.(*widget.PopUpMenu); ok {
			menu = m
		}
	}
	if menu == nil {
		t.Fatalf("Move to… opened no menu: %T", u.win.Canvas().Overlays().Top())
	}
	for range 6 { // Newbie, Prospect, Buyer, Loyal, Advocate, VIP
		menu.ActivateNext()
	}
	menu.TriggerLast()
	tapSave(t, u)
	got, err := store.GetClient(t.Context(), c.ID)
	if err != nil || got.Stage != model.StageVIP || got.Pin.Stage != model.StageVIP {
		t.Fatalf("after Move to VIP: %+v, %v", got, err)
	}
}

// parseLocalDate reads what dateField writes in every language, and the
// numeric forms owners type.
func TestDateFieldReadsWhatItWrites(t *testing.T) {
	d := model.Day(today)
	for _, tag := range []string{"en", "ro", "hy", "ka", "ru"} {
		if got, ok := parseLocalDate(dateIn(tag, d)); !ok || !got.Equal(d) {
			t.Errorf("%s: %q reads as %v, %v", tag, dateIn(tag, d), got, ok)
		}
	}
	for in, ok := range map[string]bool{"2026-11-23": true, "23.11.2026": true, "23/11/2026": true, "23 noiembrie 2026": true,
		"31.02.2026": false, "11/23/2026": false, "tomorrow": false, "23.11": false} {
		if _, got := parseLocalDate(in); got != ok {
			t.Errorf("parseLocalDate(%q) ok = %v", in, got)
		}
	}
}

// Opening a client from the check-ins selects their row in the client
// book, not the row selected before.
func TestOpenClientSelectsTheirRow(t *testing.T) {
	store := mustOpenStore(t, "AM")
	c := mustCreateTamar(t, store)
	other := &model.Client{Name: "Ana Pop"}
	if err := store.CreateClient(t.Context(), other); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0) // Ana, first by name
	if u.clients.selected != other.ID {
		t.Fatalf("row 0 is client %d", u.clients.selected)
	}
	u.tabs.Select(u.dueTab)
	u.openClient(c.ID)
	if u.clients.selected != c.ID || u.clients.page.client.ID != c.ID {
		t.Errorf("selected %d, page of %d; want %d", u.clients.selected, u.clients.page.client.ID, c.ID)
	}
	if row := u.clients.row(1); row == nil || row.ID != c.ID {
		t.Fatal("Tamar is not the second row")
	}
}
