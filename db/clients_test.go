package db

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"clienttracker/model"
)

// mustCreateClient stores c and returns it with its ID set.
func mustCreateClient(t *testing.T, db *DB, c *model.Client) *model.Client {
	t.Helper()
	if err := db.CreateClient(context.Background(), c); err != nil {
		t.Fatalf("CreateClient(%q): %v", c.Name, err)
	}
	return c
}

// mustGetClient reads a client back.
func mustGetClient(t *testing.T, db *DB, id int64) *model.Client {
	t.Helper()
	c, err := db.GetClient(context.Background(), id)
	if err != nil {
		t.Fatalf("GetClient(%d): %v", id, err)
	}
	return c
}

// mustCount returns how many clients are stored.
func mustCount(t *testing.T, db *DB) int {
	t.Helper()
	n, err := db.CountClients(context.Background())
	if err != nil {
		t.Fatalf("CountClients: %v", err)
	}
	return n
}

// rowCount counts the rows of a table through the write connection.
func rowCount(t *testing.T, db *DB, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := db.w.QueryRow("SELECT count(*) FROM "+table+" WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantValidation fails unless err is a *model.ValidationError on field.
func wantValidation(t *testing.T, err error, field string) *model.ValidationError {
	t.Helper()
	ve, ok := model.AsValidation(err)
	if !ok {
		t.Fatalf("error %v, want a validation error on %s", err, field)
	}
	if _, ok := ve.For(field); !ok {
		t.Fatalf("validation error %v has nothing on %s", ve, field)
	}
	return ve
}

// fullClient has every field set, in several scripts.
func fullClient() *model.Client {
	return &model.Client{
		Name:     "  Ștefan Popescu 👩🏽‍💼  ",
		Phones:   []string{"+40 722 123 456", " ", "0213 456 789"},
		Email:    "stefan.popescu@example.ro",
		City:     "Cluj-Napoca",
		Address:  "Str. Memorandumului 28",
		Company:  "Popescu & Fiii SRL",
		Channel:  model.ChannelMessage,
		Since:    time.Date(2019, 4, 2, 15, 0, 0, 0, time.UTC),
		Birthday: model.Birthday{Day: 29, Month: time.February},
		Language: "Romanian",
		Tags:     []string{"vip", "angro", "VIP", "de sărbători"},
		Notes:    "Preferă plata în rate.\nSună după ora 18.\n",
	}
}

func TestCreateClient(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, fullClient())
		if c.ID == 0 {
			t.Fatal("ID not set")
		}
		if !c.CreatedAt.Equal(fixedNow) || !c.UpdatedAt.Equal(fixedNow) {
			t.Errorf("CreatedAt, UpdatedAt = %v, %v; want %v", c.CreatedAt, c.UpdatedAt, fixedNow)
		}
		got := mustGetClient(t, db, c.ID)
		want := *c
		want.Name = "Ștefan Popescu 👩🏽‍💼"
		want.Phones = []string{"+40 722 123 456", "0213 456 789"}
		want.Tags = []string{"vip", "angro", "de sărbători"}
		want.Notes = "Preferă plata în rate.\nSună după ora 18."
		want.Since = time.Date(2019, 4, 2, 0, 0, 0, 0, time.UTC)
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("GetClient =\n%+v\nwant\n%+v", got, &want)
		}
	})

	t.Run("ExoticTextRoundTrips", func(t *testing.T) {
		db := mustOpen(t)
		for _, name := range []string{
			"S\u0326tefan Ta\u0306nase",       // combining comma below and breve
			"👨‍👩‍👧‍👦 Familia Ionescu 🇷🇴",      // ZWJ sequence and a flag
			"مريم الحسن",                      // Arabic, right to left
			"שָׁלוֹם כהן",                     // Hebrew with points
			"Ana \u200f(RTL mark)\u200e Pop",  // directional marks
			"Հովհաննես Թումանյան",             // Armenian
			"ნინო ბერიძე",                     // Georgian
			"Ὀδυσσεύς \U0001D4D0\U0001F600 ﷺ", // polytonic Greek, math letter, emoji, ligature
		} {
			c := mustCreateClient(t, db, &model.Client{Name: name, Notes: name, Tags: []string{name}})
			got := mustGetClient(t, db, c.ID)
			if got.Name != name || got.Notes != name || !slices.Equal(got.Tags, []string{name}) {
				t.Errorf("round trip of %q gave name %q, notes %q, tags %q", name, got.Name, got.Notes, got.Tags)
			}
		}
	})

	t.Run("ReferredBy", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana Pop"})
		ion := mustCreateClient(t, db, &model.Client{Name: "Ion Pop", ReferredBy: ana.ID})
		got := mustGetClient(t, db, ion.ID)
		if got.ReferredBy != ana.ID || got.ReferredByName != "Ana Pop" {
			t.Errorf("ReferredBy, ReferredByName = %d, %q; want %d, Ana Pop", got.ReferredBy, got.ReferredByName, ana.ID)
		}
	})

	t.Run("ErrNameRequired", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreateClient(ctx, &model.Client{Name: "   ", Phones: []string{"0722 123 456"}})
		wantValidation(t, err, model.FieldName)
		if n := mustCount(t, db); n != 0 {
			t.Errorf("%d clients stored after a failed create", n)
		}
		if n := rowCount(t, db, "client_phones", "1"); n != 0 {
			t.Errorf("%d phones stored after a failed create", n)
		}
	})

	t.Run("ErrReferrerGone", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreateClient(ctx, &model.Client{Name: "Ion", ReferredBy: 999})
		ve := wantValidation(t, err, model.FieldReferredBy)
		if fe, _ := ve.For(model.FieldReferredBy); fe.Message != msgReferrerGone {
			t.Errorf("message %q", fe.Message)
		}
		if n := mustCount(t, db); n != 0 {
			t.Errorf("%d clients stored", n)
		}
	})

	t.Run("ErrReferrerGoneAndInvalid", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreateClient(ctx, &model.Client{Name: "", ReferredBy: 999})
		wantValidation(t, err, model.FieldName)
		wantValidation(t, err, model.FieldReferredBy)
	})
}

func TestUpdateClient(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, fullClient())
		created := c.CreatedAt
		later := fixedNow.Add(2 * time.Hour)
		db.clock = func() time.Time { return later }

		edit := mustGetClient(t, db, c.ID)
		edit.Name = "Ion Vasilescu"
		edit.Email = "ion@example.com"
		edit.Phones = []string{"0744 000 111"}
		edit.Tags = []string{"nou"}
		edit.Birthday = model.Birthday{}
		edit.Since = time.Time{}
		edit.CreatedAt = time.Time{} // set from the store
		if err := db.UpdateClient(ctx, edit); err != nil {
			t.Fatal(err)
		}
		if !edit.CreatedAt.Equal(created) || !edit.UpdatedAt.Equal(later) {
			t.Errorf("CreatedAt, UpdatedAt = %v, %v; want %v, %v", edit.CreatedAt, edit.UpdatedAt, created, later)
		}
		got := mustGetClient(t, db, c.ID)
		if !reflect.DeepEqual(got, edit) {
			t.Errorf("GetClient =\n%+v\nwant\n%+v", got, edit)
		}
		if n := rowCount(t, db, "client_phones", "client_id = ?", c.ID); n != 1 {
			t.Errorf("%d phones stored, want 1", n)
		}
		// The search index follows the edit.
		wantSearch(t, db, "stefan", nil)
		wantSearch(t, db, "0722", nil)
		wantSearch(t, db, "vasil", []string{"Ion Vasilescu"})
		wantSearch(t, db, "0744000", []string{"Ion Vasilescu"})
		wantSearch(t, db, "nou", []string{"Ion Vasilescu"})
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.UpdateClient(ctx, &model.Client{ID: 42, Name: "Nobody"})
		if !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("UpdateClient: %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalidLeavesClient", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Email: "ana@example.com"})
		edit := *c
		edit.Name = "Ana Maria"
		edit.Email = "not an email"
		wantValidation(t, db.UpdateClient(ctx, &edit), model.FieldEmail)
		if got := mustGetClient(t, db, c.ID); got.Name != "Ana" || got.Email != "ana@example.com" {
			t.Errorf("stored client changed to %q, %q", got.Name, got.Email)
		}
	})

	t.Run("ErrReferredBySelf", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		c.ReferredBy = c.ID
		wantValidation(t, db.UpdateClient(ctx, c), model.FieldReferredBy)
	})

	t.Run("ErrReferrerGone", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		c.ReferredBy = c.ID + 100
		wantValidation(t, db.UpdateClient(ctx, c), model.FieldReferredBy)
	})
}

func TestDeleteClient(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana Pop", Phones: []string{"0722 123 456"}, Tags: []string{"vip"}})
		ion := mustCreateClient(t, db, &model.Client{Name: "Ion Pop", ReferredBy: ana.ID})
		mustCreatePreference(t, db, &model.Preference{ClientID: ana.ID, Value: "linen shirts"})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: ana.ID, Date: fixedNow, Item: "Shirt", Amount: 5000})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: ion.ID, Date: fixedNow, Item: "Hat", Amount: 1000})

		if err := db.DeleteClient(ctx, ana.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetClient(ctx, ana.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("GetClient after delete: %v", err)
		}
		for _, table := range []string{"client_phones", "client_tags", "preferences", "purchases"} {
			if n := rowCount(t, db, table, "client_id = ?", ana.ID); n != 0 {
				t.Errorf("%d rows left in %s", n, table)
			}
		}
		wantSearch(t, db, "ana", nil)
		wantSearch(t, db, "0722", nil)
		wantSearch(t, db, "vip", nil)
		got := mustGetClient(t, db, ion.ID)
		if got.ReferredBy != 0 || got.ReferredByName != "" {
			t.Errorf("referred client has ReferredBy %d (%q), want none", got.ReferredBy, got.ReferredByName)
		}
		if got.Summary.Count != 1 || got.Summary.Total != 1000 {
			t.Errorf("other client's summary changed: %+v", got.Summary)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		if err := db.DeleteClient(ctx, 7); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("DeleteClient: %v, want ErrNotFound", err)
		}
	})
}

func TestGetClient(t *testing.T) {
	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		if _, err := db.GetClient(context.Background(), 1); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("GetClient: %v, want ErrNotFound", err)
		}
	})

	t.Run("PhonesInOrder", func(t *testing.T) {
		db := mustOpen(t)
		phones := []string{"0799 999 999", "0211 111 111", "0755 555 555"}
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Phones: phones, Tags: []string{"z", "a", "m"}})
		got := mustGetClient(t, db, c.ID)
		if !slices.Equal(got.Phones, phones) || !slices.Equal(got.Tags, []string{"z", "a", "m"}) {
			t.Errorf("phones %q, tags %q: not in the order entered", got.Phones, got.Tags)
		}
	})
}

func TestCountClients(t *testing.T) {
	db := mustOpen(t)
	if n := mustCount(t, db); n != 0 {
		t.Errorf("CountClients = %d on a new database", n)
	}
	for _, name := range []string{"Ana", "Ion", "Maria"} {
		mustCreateClient(t, db, &model.Client{Name: name})
	}
	if n := mustCount(t, db); n != 3 {
		t.Errorf("CountClients = %d, want 3", n)
	}
}

func TestHasClients(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if has, err := db.HasClients(ctx); err != nil || has {
		t.Errorf("HasClients = %v, %v on a new database", has, err)
	}
	c := &model.Client{Name: "Ana"}
	mustCreateClient(t, db, c)
	if has, err := db.HasClients(ctx); err != nil || !has {
		t.Errorf("HasClients = %v, %v with a client", has, err)
	}
	if err := db.DeleteClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if has, err := db.HasClients(ctx); err != nil || has {
		t.Errorf("HasClients = %v, %v once the client is deleted", has, err)
	}
}

// names returns the names of cs.
func names(cs []*model.Client) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// mustList lists clients.
func mustList(t *testing.T, db *DB, f model.ClientFilter) ([]*model.Client, int) {
	t.Helper()
	cs, total, err := db.ListClients(context.Background(), f)
	if err != nil {
		t.Fatalf("ListClients(%+v): %v", f, err)
	}
	return cs, total
}

func TestListClients(t *testing.T) {
	db := mustOpen(t) // sorts in Romanian: the locale is ro-RO
	day := func(d int) time.Time { return time.Date(2026, 10, d, 0, 0, 0, 0, time.UTC) }
	type buy struct {
		day    int
		amount model.Money
	}
	for _, c := range []struct {
		name  string
		buys  []buy
		phone string
	}{
		{"Tudor", []buy{{1, 150}}, "0722 000 001"},
		{"Ștefan", []buy{{3, 50}, {20, 50}}, "0722 000 002"},
		{"Sorin", nil, "0722 000 003"},
		{"Zamfira", []buy{{10, 900}}, ""},
		{"Szabo", []buy{{20, 300}}, ""},
		{"ana", nil, ""},
	} {
		cl := mustCreateClient(t, db, &model.Client{Name: c.name, Phones: []string{c.phone}, Tags: []string{"t-" + c.name}})
		for _, b := range c.buys {
			mustCreatePurchase(t, db, &model.Purchase{ClientID: cl.ID, Date: day(b.day), Item: "x", Amount: b.amount})
		}
	}

	for _, tt := range []struct {
		name  string
		f     model.ClientFilter
		want  []string
		total int
	}{
		// Romanian: Ș is a letter after S, so Szabo comes before Ștefan.
		{"SortName", model.ClientFilter{Sort: model.SortName}, []string{"ana", "Sorin", "Szabo", "Ștefan", "Tudor", "Zamfira"}, 6},
		{"SortDefault", model.ClientFilter{}, []string{"ana", "Sorin", "Szabo", "Ștefan", "Tudor", "Zamfira"}, 6},
		// Newest first, ties by name, never-bought last.
		{"SortLastPurchase", model.ClientFilter{Sort: model.SortLastPurchase}, []string{"Szabo", "Ștefan", "Zamfira", "Tudor", "ana", "Sorin"}, 6},
		{"SortTotalSpent", model.ClientFilter{Sort: model.SortTotalSpent}, []string{"Zamfira", "Szabo", "Tudor", "Ștefan", "ana", "Sorin"}, 6},
		{"Page", model.ClientFilter{Offset: 2, Limit: 2}, []string{"Szabo", "Ștefan"}, 6},
		{"LastPage", model.ClientFilter{Offset: 4, Limit: 10}, []string{"Tudor", "Zamfira"}, 6},
		{"PastTheEnd", model.ClientFilter{Offset: 10, Limit: 10}, []string{}, 6},
		{"NegativeOffset", model.ClientFilter{Offset: -5, Limit: 1}, []string{"ana"}, 6},
		{"SearchPage", model.ClientFilter{Search: "s", Limit: 2}, []string{"Sorin", "Szabo"}, 3},
		{"SearchSorted", model.ClientFilter{Search: "0722", Sort: model.SortTotalSpent}, []string{"Tudor", "Ștefan", "Sorin"}, 3},
		{"NoMatch", model.ClientFilter{Search: "xyzzy"}, []string{}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, total := mustList(t, db, tt.f)
			if got := names(cs); !slices.Equal(got, tt.want) || total != tt.total {
				t.Errorf("ListClients(%+v) = %q, %d; want %q, %d", tt.f, got, total, tt.want, tt.total)
			}
		})
	}

	t.Run("RowsFilled", func(t *testing.T) {
		cs, _ := mustList(t, db, model.ClientFilter{Search: "ștefan"})
		if len(cs) != 1 {
			t.Fatalf("got %d clients", len(cs))
		}
		c := cs[0]
		want := model.PurchaseSummary{Count: 2, Total: 100, First: day(3), Last: day(20)}
		if c.Summary != want || !slices.Equal(c.Phones, []string{"0722 000 002"}) || !slices.Equal(c.Tags, []string{"t-Ștefan"}) {
			t.Errorf("row = %+v", c)
		}
		if !reflect.DeepEqual(c, mustGetClient(t, db, c.ID)) {
			t.Errorf("list row differs from GetClient:\n%+v\n%+v", c, mustGetClient(t, db, c.ID))
		}
	})
}

// A search that matches most clients reads the sort index instead of
// sorting its matches (scanIndex); both ways give the same pages.
func TestListClientsManyMatches(t *testing.T) {
	db := mustOpen(t)
	if _, err := db.InsertRecords(context.Background(), testRecords(2500), nil); err != nil {
		t.Fatal(err)
	}
	mustCreateClient(t, db, &model.Client{Name: "Zoe"}) // not a match
	for _, sort := range model.SortOrders {
		all, total := mustList(t, db, model.ClientFilter{Sort: sort})
		if total != 2501 {
			t.Fatalf("total %d", total)
		}
		var want []string
		for _, c := range all {
			if c.Name != "Zoe" {
				want = append(want, c.Name)
			}
		}
		for _, page := range []struct{ offset, limit int }{{0, 100}, {1000, 50}, {2450, 100}, {0, 0}} {
			f := model.ClientFilter{Search: "client", Sort: sort, Offset: page.offset, Limit: page.limit}
			cs, total := mustList(t, db, f)
			end := len(want)
			if page.limit > 0 {
				end = min(end, page.offset+page.limit)
			}
			if got := names(cs); total != 2500 || !slices.Equal(got, want[page.offset:end]) {
				t.Errorf("%+v: %d results (total %d), want %d", f, len(got), total, end-page.offset)
			}
		}
	}
}

func TestScanIndex(t *testing.T) {
	db := mustOpen(t)
	if _, err := db.InsertRecords(context.Background(), testRecords(2000), nil); err != nil {
		t.Fatal(err)
	}
	tx, err := db.beginRead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, tt := range []struct {
		matches, offset, limit int
		want                   bool
	}{
		{10, 0, 100, false},
		{999, 0, 10, false},      // few matches: sort them
		{1500, 0, 100, true},     // most clients match: the index finds a page at once
		{1500, 0, -1, true},      // all of them, in order
		{1000, 1900, 100, false}, // a far page of sparse matches: sort
	} {
		got, err := scanIndex(context.Background(), tx, tt.matches, tt.offset, tt.limit)
		if err != nil || got != tt.want {
			t.Errorf("scanIndex(%d, %d, %d) = %v, %v; want %v", tt.matches, tt.offset, tt.limit, got, err, tt.want)
		}
	}
}
