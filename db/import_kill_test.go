package db

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"clienttracker/model"
)

// killEnv names the database the helper process imports into.
const killEnv = "CLIENTTRACKER_KILL_TEST_DB"

// TestImportKilled kills a process in the middle of a large import (after
// it has written thousands of rows into its transaction) and checks that
// the database is exactly as before: every table exports to the same
// bytes, and the integrity check passes.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	db := mustOpenPath(t, path)
	if _, err := db.InsertRecords(ctx, model.SampleRecords(200, 9, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	before, _ := mustExport(t, db, ExportOptions{CSV: model.DefaultCSVOptions(".")})

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), killEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it reports rows written, while the transaction is open.
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		text, ok := strings.CutPrefix(sc.Text(), "imported so far: ")
		if n, err := strconv.Atoi(text); ok && err == nil && n >= 4000 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
			break
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatal("the helper finished before it could be killed")
	}

	after := mustOpenPath(t, path)
	if problems, err := Check(ctx, path); err != nil || len(problems) > 0 {
		t.Fatalf("after the kill: %v, %v", problems, err)
	}
	dir, _ := mustExport(t, after, ExportOptions{CSV: model.DefaultCSVOptions(".")})
	for _, name := range ExportTables() {
		a, _ := os.ReadFile(filepath.Join(before, name+".csv"))
		b, _ := os.ReadFile(filepath.Join(dir, name+".csv"))
		if !bytes.Equal(a, b) {
			t.Errorf("%s.csv changed by the killed import", name)
		}
	}
}

// TestImportKillHelper is the process TestImportKilled kills: it imports
// 20,000 clients and prints its progress.
func TestImportKillHelper(t *testing.T) {
	path := os.Getenv(killEnv)
	if path == "" {
		t.Skip("run by TestImportKilled")
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("Name,Phone,Email\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "Client %d,+40 7%08d,c%d@example.ro\n", i, i, i)
	}
	tab, err := model.ReadTable(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	rows := tab.Clients(model.GuessMapping(tab.Header), fixedNow)
	_, err = db.ImportClients(context.Background(), rows, model.ImportOptions{}, func(done, total int) {
		fmt.Printf("imported so far: %d\n", done)
	})
	t.Fatalf("the import should have been killed; it ended with %v", err)
}
