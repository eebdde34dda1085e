package db

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"clienttracker/model"
)

// mustCreatePreference stores p and returns it with its ID set.
func mustCreatePreference(t *testing.T, db *DB, p *model.Preference) *model.Preference {
	t.Helper()
	if err := db.CreatePreference(context.Background(), p); err != nil {
		t.Fatalf("CreatePreference(%+v): %v", p, err)
	}
	return p
}

// mustListPreferences lists a client's preferences.
func mustListPreferences(t *testing.T, db *DB, clientID int64) []model.Preference {
	t.Helper()
	ps, err := db.ListPreferences(context.Background(), clientID)
	if err != nil {
		t.Fatalf("ListPreferences(%d): %v", clientID, err)
	}
	return ps
}

func TestCreatePreference(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Value: " linen shirts ", Note: "size M"})
		if p.ID == 0 {
			t.Fatal("ID not set")
		}
		want := []model.Preference{{ID: p.ID, ClientID: c.ID, Attitude: model.Likes, Category: model.PrefOther, Value: "linen shirts", Note: "size M"}}
		if got := mustListPreferences(t, db, c.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("stored %+v, want %+v", got, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreatePreference(ctx, &model.Preference{ClientID: 3, Value: "tea"})
		if !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("CreatePreference: %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalidSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantValidation(t, db.CreatePreference(ctx, &model.Preference{ClientID: c.ID, Attitude: "loves", Value: "tea"}), model.FieldAttitude)
		wantValidation(t, db.CreatePreference(ctx, &model.Preference{ClientID: c.ID, Value: "  "}), model.FieldValue)
		if n := rowCount(t, db, "preferences", "1"); n != 0 {
			t.Errorf("%d preferences stored", n)
		}
	})
}

func TestUpdatePreference(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Value: "tea"})
		edit := model.Preference{ID: p.ID, Attitude: model.Dislikes, Category: model.PrefColour, Value: "orange"}
		if err := db.UpdatePreference(ctx, &edit); err != nil {
			t.Fatal(err)
		}
		if edit.ClientID != c.ID {
			t.Errorf("ClientID = %d, want %d", edit.ClientID, c.ID)
		}
		if got := mustListPreferences(t, db, c.ID); !reflect.DeepEqual(got, []model.Preference{edit}) {
			t.Errorf("stored %+v, want %+v", got, edit)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Value: "tea"})
		if err := db.UpdatePreference(ctx, &model.Preference{ID: p.ID + 1, Value: "x"}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("UpdatePreference(missing): %v, want ErrNotFound", err)
		}
		if err := db.UpdatePreference(ctx, &model.Preference{ID: p.ID, ClientID: c.ID + 1, Value: "x"}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("UpdatePreference(missing client): %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Value: "tea"})
		wantValidation(t, db.UpdatePreference(ctx, &model.Preference{ID: p.ID, Category: "smell", Value: "x"}), model.FieldCategory)
		if got := mustListPreferences(t, db, c.ID); got[0].Value != "tea" {
			t.Errorf("stored preference changed: %+v", got[0])
		}
	})
}

func TestDeletePreference(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	p := mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Value: "tea"})

	t.Run("OK", func(t *testing.T) {
		if err := db.DeletePreference(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustListPreferences(t, db, c.ID); len(got) != 0 {
			t.Errorf("preferences left: %+v", got)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := db.DeletePreference(ctx, p.ID); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("DeletePreference: %v, want ErrNotFound", err)
		}
	})
}

func TestListPreferences(t *testing.T) {
	t.Run("Order", func(t *testing.T) {
		db := mustOpen(t) // Romanian: ș after s
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		for _, p := range []model.Preference{
			{Attitude: model.Dislikes, Category: model.PrefBrand, Value: "Zara"},
			{Attitude: model.Likes, Category: model.PrefOther, Value: "tea"},
			{Attitude: model.Likes, Category: model.PrefColour, Value: "șofran"},
			{Attitude: model.Likes, Category: model.PrefColour, Value: "verde"},
			{Attitude: model.Likes, Category: model.PrefColour, Value: "Sz"},
			{Attitude: model.Likes, Category: model.PrefBrand, Value: "adidas"},
			{Attitude: model.Dislikes, Category: model.PrefSize, Value: "XL"},
		} {
			p.ClientID = c.ID
			mustCreatePreference(t, db, &p)
		}
		var got []string
		for _, p := range mustListPreferences(t, db, c.ID) {
			got = append(got, string(p.Attitude)+" "+string(p.Category)+" "+p.Value)
		}
		want := []string{
			"likes brand adidas", "likes colour Sz", "likes colour șofran", "likes colour verde", "likes other tea",
			"dislikes brand Zara", "dislikes size XL",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("order\n%q\nwant\n%q", got, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		if _, err := db.ListPreferences(context.Background(), 4); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("ListPreferences: %v, want ErrNotFound", err)
		}
	})
}
