package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func validPurchase() Purchase {
	return Purchase{
		Date:     time.Date(2026, time.October, 2, 0, 0, 0, 0, time.UTC),
		Item:     "winter boots",
		Category: "shoes",
		Amount:   18950,
	}
}

func TestPurchaseValidate(t *testing.T) {
	max := DefaultMoneyFormat.Max()
	tests := []struct {
		name   string
		edit   func(p *Purchase)
		max    Money
		fields []string
		msg    string
	}{
		{"OK", func(p *Purchase) {}, max, nil, ""},
		{"ZeroAmount", func(p *Purchase) { p.Amount = 0 }, max, nil, ""}, // a gift or a free repair
		{"AmountAtMax", func(p *Purchase) { p.Amount = max }, max, nil, ""},
		{"ErrAmountNegative", func(p *Purchase) { p.Amount = -100 }, max, []string{FieldAmount}, "cannot be negative; record a refund as a note"},
		{"ErrAmountAbsurd", func(p *Purchase) { p.Amount = max + 1 }, max, []string{FieldAmount}, "too large; check for extra digits"},
		{"ErrAmountOverFormatMax", func(p *Purchase) { p.Amount = 2_000_000_000 }, MoneyFormatForLocale("hy").Max(), []string{FieldAmount}, "too large"},
		{"ZeroMaxMeansDefault", func(p *Purchase) { p.Amount = max }, 0, nil, ""},
		{"ErrZeroMaxStillLimits", func(p *Purchase) { p.Amount = max + 1 }, 0, []string{FieldAmount}, "too large"},
		{"OnCredit", func(p *Purchase) { p.Unpaid = 5000; p.DueDate = p.Date.AddDate(0, 1, 0) }, max, nil, ""},
		{"AllUnpaid", func(p *Purchase) { p.Unpaid = p.Amount; p.DueDate = p.Date }, max, nil, ""},
		{"UnpaidWithoutDueDate", func(p *Purchase) { p.Unpaid = 100 }, max, nil, ""},
		{"DueDateInFuture", func(p *Purchase) { p.Unpaid = 100; p.DueDate = testToday.AddDate(0, 3, 0) }, max, nil, ""},
		{"ErrUnpaidOverAmount", func(p *Purchase) { p.Unpaid = p.Amount + 1 }, max, []string{FieldUnpaid}, "cannot be larger than the amount"},
		{"ErrUnpaidNegative", func(p *Purchase) { p.Unpaid = -1 }, max, []string{FieldUnpaid}, "cannot be negative"},
		{"ErrDueBeforeDate", func(p *Purchase) { p.Unpaid = 100; p.DueDate = p.Date.AddDate(0, 0, -1) }, max, []string{FieldDueDate}, "cannot be before the purchase date"},
		{"DueDateBeforeButNothingOwed", func(p *Purchase) { p.DueDate = p.Date.AddDate(0, 0, -1) }, max, nil, ""},
		{"ErrDateMissing", func(p *Purchase) { p.Date = time.Time{} }, max, []string{FieldDate}, "Enter the date"},
		{"ErrDateTomorrow", func(p *Purchase) { p.Date = Day(testToday).AddDate(0, 0, 1) }, max, []string{FieldDate}, "in the future"},
		{"DateToday", func(p *Purchase) { p.Date = Day(testToday) }, max, nil, ""},
		{"DateLaterToday", func(p *Purchase) { p.Date = testToday.Add(12 * time.Hour) }, max, nil, ""},
		{"ErrDateAncient", func(p *Purchase) { p.Date = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC) }, max, []string{FieldDate}, "too far in the past"},
		{"ErrItemMissing", func(p *Purchase) { p.Item = "" }, max, []string{FieldItem}, `for example "winter boots"`},
		{"ErrItemTooLong", func(p *Purchase) { p.Item = strings.Repeat("i", MaxShortLen+1) }, max, []string{FieldItem}, "The description field is too long"},
		{"ErrCategoryTooLong", func(p *Purchase) { p.Category = strings.Repeat("c", MaxShortLen+1) }, max, []string{FieldPurchaseCat}, "The category field is too long"},
		{"ErrNoteTooLong", func(p *Purchase) { p.Note = strings.Repeat("n", MaxLongLen+1) }, max, []string{FieldPurchaseNote}, "The note field is too long"},
		{"UnicodeItem", func(p *Purchase) { p.Item = "ձմեռային կոշիկներ 👢" }, max, nil, ""},
		{"ErrEverythingAtOnce", func(p *Purchase) {
			*p = Purchase{Date: testToday.AddDate(0, 0, 2), Amount: -5, Unpaid: -1}
		}, max, []string{FieldDate, FieldItem, FieldAmount, FieldUnpaid}, "future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPurchase()
			tt.edit(&p)
			err := p.Validate(testToday, tt.max)
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

func TestPurchaseNormalize(t *testing.T) {
	eet := time.FixedZone("EET", 2*3600)
	tests := []struct {
		name string
		in   Purchase
		want Purchase
	}{
		{
			"TrimsAndReducesToDays",
			Purchase{Date: time.Date(2026, 3, 1, 23, 30, 0, 0, eet), Item: " linen shirt ", Category: " shirts\n", Note: " gift ", Amount: 100, Unpaid: 50, DueDate: time.Date(2026, 4, 1, 9, 0, 0, 0, eet)},
			Purchase{Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Item: "linen shirt", Category: "shirts", Note: "gift", Amount: 100, Unpaid: 50, DueDate: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			"ClearsDueDateWhenNothingOwed",
			Purchase{Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Item: "socks", Amount: 100, DueDate: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
			Purchase{Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Item: "socks", Amount: 100},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.in
			p.Normalize()
			if !reflect.DeepEqual(p, tt.want) {
				t.Errorf("Normalize() =\n%+v\nwant\n%+v", p, tt.want)
			}
		})
	}
}

func TestComputeStats(t *testing.T) {
	d := func(m time.Month, day int) time.Time { return time.Date(2026, m, day, 0, 0, 0, 0, time.UTC) }
	today := testToday // 23 November 2026
	tests := []struct {
		name string
		ps   []Purchase
		want PurchaseStats
	}{
		{"None", nil, PurchaseStats{}},
		{
			"One",
			[]Purchase{{Date: d(5, 3), Amount: 4500}},
			PurchaseStats{PurchaseSummary: PurchaseSummary{Count: 1, Total: 4500, First: d(5, 3), Last: d(5, 3)}},
		},
		{
			"UnorderedWithDebts",
			[]Purchase{
				{Date: d(7, 1), Amount: 10000, Unpaid: 4000, DueDate: d(8, 1)},                          // overdue
				{Date: d(1, 1), Amount: 2500},                                                           // first
				{Date: d(11, 20).Add(15 * time.Hour), Amount: 30000, Unpaid: 30000, DueDate: d(12, 20)}, // last, not due yet
				{Date: d(4, 1), Amount: 0},                                                              // a free repair still counts as a visit
				{Date: d(10, 1), Amount: 5000, Unpaid: 1000, DueDate: today},                            // due today: not overdue yet
				{Date: d(9, 1), Amount: 7000, Unpaid: 700},                                              // no due date: never overdue
			},
			PurchaseStats{
				PurchaseSummary: PurchaseSummary{Count: 6, Total: 54500, Owed: 35700, First: d(1, 1), Last: d(11, 20)},
				AverageGapDays:  float64(DaysBetween(d(1, 1), d(11, 20))) / 5, // 323 days over 5 gaps
				OverdueOwed:     4000,
			},
		},
		{
			"SameDay",
			[]Purchase{{Date: d(6, 1), Amount: 100}, {Date: d(6, 1).Add(5 * time.Hour), Amount: 200}},
			PurchaseStats{PurchaseSummary: PurchaseSummary{Count: 2, Total: 300, First: d(6, 1), Last: d(6, 1)}},
		},
		{
			"SteadyMonthly",
			[]Purchase{{Date: d(3, 1)}, {Date: d(1, 1)}, {Date: d(2, 1)}, {Date: d(4, 1)}},
			PurchaseStats{PurchaseSummary: PurchaseSummary{Count: 4, First: d(1, 1), Last: d(4, 1)}, AverageGapDays: 30},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeStats(tt.ps, today)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ComputeStats() =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
	t.Run("DoesNotReorderInput", func(t *testing.T) {
		ps := []Purchase{{Date: d(3, 1)}, {Date: d(1, 1)}}
		ComputeStats(ps, today)
		if !ps[0].Date.Equal(d(3, 1)) {
			t.Error("ComputeStats reordered its input")
		}
	})
}
