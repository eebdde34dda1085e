package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"clienttracker/model"
)

// The memStore's data tools: import with the same matching rules as the
// real store (client number, then email ignoring case, then phone digits,
// then exact name), export to real files, backups kept as a list, and the
// duplicate finder and merge.

// memData is the memStore's state for the data tools.
type memData struct {
	version  int64              // DataVersion
	readOnly bool               // ReadOnly
	backups  []model.BackupInfo // newest first
	restored string             // the backup RestoreBackup swapped in last
	// beforeRow, if set, is called before each imported or exported row,
	// so a test can cancel half-way.
	beforeRow func(i int)
	merges    [][2]int64 // keep, merge: every MergeClients call
}

// changed bumps the data version after a write; s.mu must be held.
func (s *memStore) changed() { s.data.version++ }

// match finds the stored client a row describes; s.mu must be held.
func (s *memStore) match(r model.ImportRow) (*model.Client, model.MatchRule) {
	if c, ok := s.clients[r.ID]; ok && r.ID != 0 {
		return c, model.MatchID
	}
	ids := slices.Sorted(maps.Keys(s.clients))
	if r.Client.Email != "" {
		for _, id := range ids {
			if c := s.clients[id]; strings.EqualFold(c.Email, r.Client.Email) {
				return c, model.MatchEmail
			}
		}
	}
	for _, p := range r.Client.Phones {
		for _, id := range ids {
			if c := s.clients[id]; slices.ContainsFunc(c.Phones, func(q string) bool { return samePhone(p, q) }) {
				return c, model.MatchPhone
			}
		}
	}
	for _, id := range ids {
		if c := s.clients[id]; c.Name == r.Client.Name {
			return c, model.MatchName
		}
	}
	return nil, model.MatchNone
}

// samePhone compares digits, ignoring a leading country code.
func samePhone(a, b string) bool {
	a, b = model.PhoneDigits(a), model.PhoneDigits(b)
	if len(a) < len(b) {
		a, b = b, a
	}
	return b != "" && (a == b || len(b) >= 7 && strings.HasSuffix(a, b))
}

// fill updates c from the row as DuplicateUpdate says.
func fill(c *model.Client, r model.Client) {
	for _, f := range []struct{ dst, src *string }{
		{&c.Name, &r.Name}, {&c.Email, &r.Email}, {&c.City, &r.City}, {&c.Address, &r.Address},
		{&c.Company, &r.Company}, {&c.Language, &r.Language},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	for _, p := range r.Phones {
		if !slices.ContainsFunc(c.Phones, func(q string) bool { return samePhone(p, q) }) {
			c.Phones = append(c.Phones, p)
		}
	}
	for _, t := range r.Tags {
		if !slices.Contains(c.Tags, t) {
			c.Tags = append(c.Tags, t)
		}
	}
	if r.Notes != "" && !strings.Contains(c.Notes, r.Notes) {
		c.Notes = strings.TrimSpace(c.Notes + "\n" + r.Notes)
	}
	if r.Channel != model.ChannelNone {
		c.Channel = r.Channel
	}
	if !r.Since.IsZero() {
		c.Since = r.Since
	}
	if !r.Birthday.IsZero() {
		c.Birthday = r.Birthday
	}
}

func (s *memStore) ImportClients(ctx context.Context, rows []model.ImportRow, opts model.ImportOptions,
	progress func(done, total int)) (model.ImportResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := model.ImportResult{DryRun: opts.DryRun}
	for _, r := range rows {
		if r.Problems != nil {
			res.Invalid++
			res.Problems = append(res.Problems, r)
		}
	}
	if res.Invalid > 0 && !opts.SkipInvalid {
		for _, r := range res.Problems {
			res.Rows = append(res.Rows, model.ImportRowResult{Line: r.Line, Name: r.Client.Name, Outcome: model.OutcomeInvalid})
		}
		return res, fmt.Errorf("import: %w", model.ErrInvalidRows)
	}
	if !opts.DryRun && s.data.readOnly {
		return res, errors.New("import: attempt to write a readonly database")
	}
	// Work on the live map and put it back for a dry run or a failure,
	// as the real store rolls back its transaction.
	saved, savedID := make(map[int64]*model.Client, len(s.clients)), s.nextID
	for id, c := range s.clients {
		saved[id] = s.copyClient(c)
	}
	rollback := func() { s.clients, s.nextID = saved, savedID }
	for i, r := range rows {
		if s.data.beforeRow != nil {
			s.mu.Unlock()
			s.data.beforeRow(i)
			s.mu.Lock()
		}
		if err := ctx.Err(); err != nil {
			rollback()
			return model.ImportResult{}, fmt.Errorf("import: %w", err)
		}
		out := model.ImportRowResult{Line: r.Line, Name: r.Client.Name}
		switch c, rule := s.match(r); {
		case r.Problems != nil:
			out.Outcome = model.OutcomeInvalid
		case c != nil && opts.OnDuplicate == model.DuplicateSkip:
			out.Outcome, out.ClientID, out.Match = model.OutcomeSkipped, c.ID, rule
			res.Skipped++
		case c != nil && opts.OnDuplicate != model.DuplicateCreate:
			fill(c, r.Client)
			c.Normalize()
			if err := c.Validate(s.now); err != nil {
				rollback()
				return model.ImportResult{}, fmt.Errorf("import line %d: %w", r.Line, err)
			}
			out.Outcome, out.ClientID, out.Match = model.OutcomeUpdated, c.ID, rule
			res.Updated++
		default:
			c := r.Client
			c.ID, c.CreatedAt, c.UpdatedAt = s.id(), s.now, s.now
			s.clients[c.ID] = s.copyClient(&c)
			out.Outcome, out.ClientID = model.OutcomeCreated, c.ID
			res.Created++
		}
		res.Rows = append(res.Rows, out)
		if progress != nil {
			progress(i+1, len(rows))
		}
	}
	if opts.DryRun {
		rollback()
		return res, nil
	}
	s.changed()
	return res, nil
}

// exportRows returns the rows of one table, header first; s.mu must be held.
func (s *memStore) exportRows(table string) [][]string {
	ids := slices.Sorted(maps.Keys(s.clients))
	switch table {
	case "clients":
		return s.clientRows(ids)
	case "purchases":
		out := [][]string{{"id", "client_id", "date", "item", "amount"}}
		for _, id := range slices.Sorted(maps.Keys(s.purchases)) {
			p := s.purchases[id]
			out = append(out, []string{itoa(p.ID), itoa(p.ClientID), model.FormatDate(p.Date), p.Item, model.FormatAmount(p.Amount, 2, false)})
		}
		return out
	case "preferences":
		out := [][]string{{"id", "client_id", "value"}}
		for _, id := range slices.Sorted(maps.Keys(s.prefs)) {
			p := s.prefs[id]
			out = append(out, []string{itoa(p.ID), itoa(p.ClientID), p.Value})
		}
		return out
	}
	return nil
}

func (s *memStore) clientRows(ids []int64) [][]string {
	out := [][]string{{"id", "name", "phones", "email", "city", "tags"}}
	for _, id := range ids {
		if c, ok := s.clients[id]; ok {
			out = append(out, []string{itoa(c.ID), c.Name, strings.Join(c.Phones, "; "), c.Email, c.City, strings.Join(c.Tags, "; ")})
		}
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// memExportTables are the tables the memStore writes.
var memExportTables = []string{"clients", "preferences", "purchases"}

func (s *memStore) Export(ctx context.Context, dir string, opts model.ExportOptions,
	progress func(done, total int)) (model.ExportResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tables := opts.Tables
	if len(tables) == 0 {
		tables = memExportTables
	}
	all := map[string][][]string{}
	total := 0
	for _, t := range tables {
		all[t] = s.exportRows(t)
		total += len(all[t]) - 1
	}
	res := model.ExportResult{Rows: map[string]int{}}
	done := 0
	for _, t := range tables {
		path := filepath.Join(dir, t+".csv")
		f, err := os.Create(path)
		if err != nil {
			return res, fmt.Errorf("export %s: %w", t, err)
		}
		w := model.NewCSVWriter(f, opts.CSV)
		for i, rec := range all[t] {
			if i > 0 {
				if s.data.beforeRow != nil {
					s.mu.Unlock()
					s.data.beforeRow(done)
					s.mu.Lock()
				}
				if err := ctx.Err(); err != nil {
					f.Close()
					for _, p := range append(res.Files, path) {
						os.Remove(p)
					}
					return model.ExportResult{}, fmt.Errorf("export: %w", err)
				}
			}
			if err := w.Write(rec); err != nil {
				f.Close()
				return res, fmt.Errorf("export %s: %w", t, err)
			}
			if i > 0 {
				done++
				if progress != nil {
					progress(done, total)
				}
			}
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return res, fmt.Errorf("export %s: %w", t, err)
		}
		if err := f.Close(); err != nil {
			return res, fmt.Errorf("export %s: %w", t, err)
		}
		res.Files = append(res.Files, path)
		res.Rows[t] = len(all[t]) - 1
	}
	return res, nil
}

func (s *memStore) ExportClients(_ context.Context, w io.Writer, ids []int64, opts model.CSVOptions) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cw := model.NewCSVWriter(w, opts)
	for _, rec := range s.clientRows(ids) {
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("export clients: %w", err)
		}
	}
	return cw.Flush()
}

func (s *memStore) ClientIDs(ctx context.Context, f model.ClientFilter) ([]int64, error) {
	f.Offset, f.Limit = 0, 0
	rows, _, err := s.ListClients(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, c := range rows {
		ids[i] = c.ID
	}
	return ids, nil
}

func (s *memStore) BackupNow(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	day := model.Day(s.now)
	p := filepath.Join(filepath.Dir(s.Path()), "backups", fmt.Sprintf("clients-%s-%d.db", model.FormatDate(day), len(s.data.backups)+1))
	s.data.backups = slices.Insert(s.data.backups, 0, model.BackupInfo{Path: p, Day: day, Size: int64(1000 * (len(s.clients) + 1))})
	return p, nil
}

func (s *memStore) Backups(context.Context) ([]model.BackupInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.data.backups), nil
}

func (s *memStore) RestoreBackup(_ context.Context, backup string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeFail(); err != nil {
		return "", err
	}
	s.data.restored = backup
	s.changed()
	return strings.TrimSuffix(s.Path(), ".db") + "-before-restore.db", nil
}

func (s *memStore) FindDuplicates(_ context.Context, limit int) ([]model.DuplicatePair, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := slices.Sorted(maps.Keys(s.clients))
	var out []model.DuplicatePair
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			ca, cb := s.clients[a], s.clients[b]
			var why model.MatchRule
			switch {
			case ca.Email != "" && strings.EqualFold(ca.Email, cb.Email):
				why = model.MatchEmail
			case slices.ContainsFunc(ca.Phones, func(p string) bool {
				return slices.ContainsFunc(cb.Phones, func(q string) bool { return samePhone(p, q) })
			}):
				why = model.MatchPhone
			case ca.Name == cb.Name:
				why = model.MatchName
			default:
				continue
			}
			out = append(out, model.DuplicatePair{A: *s.copyClient(ca), B: *s.copyClient(cb), Reason: why})
			if limit > 0 && len(out) == limit {
				return out, nil
			}
		}
	}
	return out, nil
}

func (s *memStore) MergeClients(_ context.Context, keepID, mergeID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeFail(); err != nil {
		return err
	}
	keep, ok1 := s.clients[keepID]
	merge, ok2 := s.clients[mergeID]
	if !ok1 || !ok2 || keepID == mergeID {
		return model.ErrNotFound
	}
	// Fill only the empty fields of the one kept.
	m := *merge
	for _, f := range []struct{ dst, src *string }{
		{&keep.Email, &m.Email}, {&keep.City, &m.City}, {&keep.Address, &m.Address},
		{&keep.Company, &m.Company}, {&keep.Language, &m.Language},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	m.Name, m.Email, m.City, m.Address, m.Company, m.Language = "", "", "", "", "", ""
	m.Notes, m.Channel, m.Since, m.Birthday = "", model.ChannelNone, time.Time{}, model.Birthday{}
	fill(keep, m)
	if keep.Notes == "" {
		keep.Notes = merge.Notes
	}
	for _, p := range s.purchases {
		if p.ClientID == mergeID {
			p.ClientID = keepID
		}
	}
	for _, p := range s.prefs {
		if p.ClientID == mergeID {
			p.ClientID = keepID
		}
	}
	for i := range s.contacts {
		if s.contacts[i].ClientID == mergeID {
			s.contacts[i].ClientID = keepID
		}
	}
	for i := range s.promises {
		if s.promises[i].ClientID == mergeID {
			s.promises[i].ClientID = keepID
		}
	}
	for i := range s.complaints {
		if s.complaints[i].ClientID == mergeID {
			s.complaints[i].ClientID = keepID
		}
	}
	delete(s.clients, mergeID)
	delete(s.rungs, mergeID)
	s.data.merges = append(s.data.merges, [2]int64{keepID, mergeID})
	s.restage(keepID)
	s.changed()
	return nil
}

func (s *memStore) DataVersion(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.version, nil
}

func (s *memStore) ReadOnly() bool { return s.data.readOnly }

// The fake keeps no copy for undo: tests of undo use the real store
// (import_trust_test.go).
func (s *memStore) LastImport(context.Context) (model.ImportUndo, bool, error) {
	return model.ImportUndo{}, false, nil
}

func (s *memStore) UndoImport(context.Context) (model.ImportUndo, string, error) {
	return model.ImportUndo{}, "", model.ErrNoImport
}
