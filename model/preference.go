package model

import "strings"

// Attitude says whether a preference is something the client likes or
// something to steer clear of.
type Attitude string

// The two attitudes a preference can have.
const (
	Likes    Attitude = "likes"
	Dislikes Attitude = "dislikes"
)

// PrefCategory groups preferences so the client page can show them at a glance.
type PrefCategory string

// The preference categories a shop owner records.
const (
	PrefBrand   PrefCategory = "brand"
	PrefSize    PrefCategory = "size"
	PrefColour  PrefCategory = "colour"
	PrefProduct PrefCategory = "category"
	PrefPrice   PrefCategory = "price"
	PrefPayment PrefCategory = "payment"
	PrefOther   PrefCategory = "other"
)

// PrefCategories lists the categories in the order a form offers them.
var PrefCategories = []PrefCategory{PrefBrand, PrefSize, PrefColour, PrefProduct, PrefPrice, PrefPayment, PrefOther}

// Label is the English name of the category, also its translation key.
func (c PrefCategory) Label() string {
	switch c {
	case PrefBrand:
		return "Brand"
	case PrefSize:
		return "Size"
	case PrefColour:
		return "Colour"
	case PrefProduct:
		return "Product category"
	case PrefPrice:
		return "Price range"
	case PrefPayment:
		return "Payment method"
	}
	return "Other"
}

// Preference is one thing a client likes or dislikes ("likes: linen shirts,
// size M"), so the owner can show that they know the client.
type Preference struct {
	ID       int64
	ClientID int64
	Attitude Attitude
	Category PrefCategory
	Value    string
	Note     string
}

// Field names used in a preference's validation errors.
const (
	FieldAttitude = "attitude"
	FieldCategory = "category"
	FieldValue    = "value"
	FieldNote     = "note"
)

// Normalize trims the text fields.
func (p *Preference) Normalize() {
	p.Value = strings.TrimSpace(p.Value)
	p.Note = strings.TrimSpace(p.Note)
	if p.Attitude == "" {
		p.Attitude = Likes
	}
	if p.Category == "" {
		p.Category = PrefOther
	}
}

// Validate returns a *ValidationError listing every problem, or nil.
func (p *Preference) Validate() error {
	ve := &ValidationError{}
	if p.Attitude != Likes && p.Attitude != Dislikes {
		ve.add(FieldAttitude, "Choose whether the client likes or dislikes it.")
	}
	known := false
	for _, c := range PrefCategories {
		known = known || c == p.Category
	}
	if !known {
		ve.add(FieldCategory, "Choose a category from the list.")
	}
	if p.Value == "" {
		ve.add(FieldValue, "Write what the client likes or dislikes, for example \"linen shirts\".")
	} else {
		checkLen(ve, FieldValue, "preference", p.Value, MaxShortLen)
	}
	checkLen(ve, FieldNote, "note", p.Note, MaxLongLen)
	return ve.err()
}
