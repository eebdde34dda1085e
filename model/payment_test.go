package model

import (
	"testing"
	"time"
)

// TestPaymentReason: money owed past its day is a reason to call, ranked
// just after the promises due and ahead of clients merely late, even on
// the black list.
func TestPaymentReason(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	s := DefaultScheduleSettings()
	owes := func(id int64, stage Stage) History {
		return History{Client: Client{ID: id, Name: "owes", Since: today.AddDate(-1, 0, -40)}, Stage: stage,
			LastContact: today.AddDate(0, 0, -2), OverdueDebt: 20000, DebtDueSince: today.AddDate(0, 0, -12)}
	}
	h := owes(1, StageBuyer)
	it, ok := DueFor(h, s, today)
	if !ok {
		t.Fatal("a client owing money past its day is not listed")
	}
	r := it.Reasons[0]
	if r.Kind != ReasonPayment || !r.Overdue || r.Message != msgPaymentDays || r.Data["Days"] != 12 || r.Data["Amount"] != Money(20000) {
		t.Errorf("reason %+v", r)
	}
	if it.Suggestion.Message != sayPayment || it.Priority != PriorityDebt {
		t.Errorf("suggestion %q priority %d", it.Suggestion.Message, it.Priority)
	}
	if rank, _ := DueRankFor(h, s, today); rank.Priority != it.Priority || !rank.Due.Equal(it.Due) {
		t.Errorf("rank %+v disagrees with row priority %d due %v", rank, it.Priority, it.Due)
	}
	bl := owes(2, StageBlacklist)
	if it, ok := DueFor(bl, s, today); !ok || it.Reasons[0].Kind != ReasonPayment {
		t.Errorf("black list: %+v %v, want the debt listed", it.Reasons, ok)
	}
	paid := owes(3, StageBuyer)
	paid.OverdueDebt = 0
	if it, ok := DueFor(paid, s, today); ok {
		t.Errorf("nothing owed but listed: %+v", it.Reasons)
	}
	late := History{Client: Client{ID: 4, Name: "late VIP", Since: today.AddDate(-2, 0, 0)}, Stage: StageVIP,
		LastContact: today.AddDate(0, 0, -60)}
	list := DueList([]History{late, h}, s, today)
	if len(list) != 2 || list[0].ClientID != 1 {
		t.Errorf("the debt should come before a VIP merely late: %v", list)
	}
}
