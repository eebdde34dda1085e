package db

import (
	"context"
	"path/filepath"
	"testing"

	"clienttracker/model"
)

func TestMessageTemplates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clients.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ka := model.TemplateKey(model.MessageBirthday, "ka")
	ro := model.TemplateKey(model.MessageCheckIn, "ro")
	en := model.TemplateKey(model.MessageCheckIn, "en")
	t.Run("OK", func(t *testing.T) {
		err := s.SaveMessageTemplates(ctx, model.Templates{
			ka: "{name}, გილოცავ!",
			ro: "  ",                                              // emptied: back to the default
			en: model.DefaultTemplate(model.MessageCheckIn, "en"), // the default: not stored
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrUnknownPlaceholder", func(t *testing.T) {
		err := s.SaveMessageTemplates(ctx, model.Templates{ka: "{nmae}"})
		if _, ok := model.AsValidation(err); !ok {
			t.Fatalf("err = %v, want a validation error", err)
		}
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Kept across a reopen, and a failed save changed nothing.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.MessageTemplates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[ka] != "{name}, გილოცავ!" {
		t.Errorf("stored templates %v", got)
	}
	if got.Text(model.MessageCheckIn, "ro") != model.DefaultTemplate(model.MessageCheckIn, "ro") {
		t.Error("an emptied template does not fall back to the default")
	}
}
