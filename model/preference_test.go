package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestPreferenceValidate(t *testing.T) {
	tests := []struct {
		name   string
		p      Preference
		fields []string
		msg    string
	}{
		{"OK", Preference{Attitude: Likes, Category: PrefSize, Value: "M"}, nil, ""},
		{"Dislikes", Preference{Attitude: Dislikes, Category: PrefOther, Value: "synthetic fabrics", Note: "allergy"}, nil, ""},
		{"EveryCategory", Preference{Attitude: Likes, Category: PrefPayment, Value: "instalments"}, nil, ""},
		{"UnicodeValue", Preference{Attitude: Likes, Category: PrefColour, Value: "կապույտ 💙"}, nil, ""},
		{"ErrAttitudeMissing", Preference{Category: PrefSize, Value: "M"}, []string{FieldAttitude}, "likes or dislikes"},
		{"ErrAttitudeUnknown", Preference{Attitude: "loves", Category: PrefSize, Value: "M"}, []string{FieldAttitude}, "likes or dislikes"},
		{"ErrCategoryMissing", Preference{Attitude: Likes, Value: "M"}, []string{FieldCategory}, "Choose a category"},
		{"ErrCategoryUnknown", Preference{Attitude: Likes, Category: "Size", Value: "M"}, []string{FieldCategory}, "Choose a category"},
		{"ErrValueMissing", Preference{Attitude: Likes, Category: PrefSize}, []string{FieldValue}, `for example "linen shirts"`},
		{"ErrValueTooLong", Preference{Attitude: Likes, Category: PrefSize, Value: strings.Repeat("v", MaxShortLen+1)}, []string{FieldValue}, "The preference field is too long (201 characters)"},
		{"ErrValueInvalidUTF8", Preference{Attitude: Likes, Category: PrefSize, Value: "\xffM"}, []string{FieldValue}, "cannot be read"},
		{"ErrNoteTooLong", Preference{Attitude: Likes, Category: PrefSize, Value: "M", Note: strings.Repeat("n", MaxLongLen+1)}, []string{FieldNote}, "The note field is too long"},
		{"ErrEverything", Preference{Attitude: "x", Category: "y"}, []string{FieldAttitude, FieldCategory, FieldValue}, "likes or dislikes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			got := fieldsOf(t, err)
			if !reflect.DeepEqual(got, tt.fields) {
				t.Fatalf("Validate() fields = %q, want %q (err: %v)", got, tt.fields, err)
			}
			if len(tt.fields) > 0 {
				if msg := fieldMessage(t, err, tt.fields[0]); !strings.Contains(msg, tt.msg) {
					t.Errorf("message = %q, want it to contain %q", msg, tt.msg)
				}
			}
		})
	}
}

func TestPreferenceNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   Preference
		want Preference
	}{
		{"Defaults", Preference{Value: " linen shirts "}, Preference{Attitude: Likes, Category: PrefOther, Value: "linen shirts"}},
		{"KeepsChoices", Preference{Attitude: Dislikes, Category: PrefColour, Value: "yellow", Note: " all shades \n"}, Preference{Attitude: Dislikes, Category: PrefColour, Value: "yellow", Note: "all shades"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.in
			p.Normalize()
			if p != tt.want {
				t.Errorf("Normalize() = %+v, want %+v", p, tt.want)
			}
			if err := p.Validate(); err != nil {
				t.Errorf("Validate() after Normalize = %v", err)
			}
		})
	}
}

func TestPrefCategoryLabel(t *testing.T) {
	want := map[PrefCategory]string{
		PrefBrand: "Brand", PrefSize: "Size", PrefColour: "Colour", PrefProduct: "Product category",
		PrefPrice: "Price range", PrefPayment: "Payment method", PrefOther: "Other", "nonsense": "Other",
	}
	for c, label := range want {
		t.Run(string(c), func(t *testing.T) {
			if got := c.Label(); got != label {
				t.Errorf("Label() = %q, want %q", got, label)
			}
		})
	}
	if len(PrefCategories) != 7 {
		t.Errorf("PrefCategories has %d entries, want 7", len(PrefCategories))
	}
}
