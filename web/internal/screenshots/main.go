// Command screenshots renders csto's main web pages in Arabic and English
// in a headless Chromium and saves them as PNG files, for the docs:
//
//	go run ./web/internal/screenshots -out docs/screenshots [-only signin,account-delegate]
//
// It serves the default history from a temporary SQLite file, as the web
// tests do, with "today" fixed so the pictures only change when the
// pages do. The signed-in pages are shot as Kazakhstan's delegation,
// signed in through the sign-in form. Chromium: $CSTO_CHROMIUM, else
// /usr/bin/chromium (install it with .ci/chromium.sh).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/web"
)

// shots are the pages, each with the height of the window it is shot in;
// the signed-in ones come last.
var shots = []struct {
	name, path string
	height     int64
	signedIn   bool
}{
	{"overview", "/", 1400, false},
	{"members", "/members?at=2013-06", 2000, false},
	{"timeline", "/timeline?from=2022&to=2022", 1200, false},
	{"treaty", "/instruments/cst", 1200, false},
	{"institutions", "/institutions", 1400, false},
	{"operation-kazakhstan-2022", "/operations/op-kaz-2022", 1250, false},
	{"state-uzbekistan", "/states/UZB", 1100, false},
	{"signin", "/signin", 700, false},
	{"account-delegate", "/account", 1900, true},
}

const delegate, password = "delegate-kaz", "screenshots password"

func main() {
	out := flag.String("out", "docs/screenshots", "directory for the PNG files")
	width := flag.Int64("width", 1280, "window width")
	only := flag.String("only", "", "comma-separated names of the shots to take (default: all)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("screenshots: ")
	if err := run(*out, *width, *only); err != nil {
		log.Fatal(err)
	}
}

func run(out string, width int64, only string) error {
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "csto-shots")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	st, err := sqlite.Open(ctx, filepath.Join(tmp, "csto.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		return err
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		return err
	}
	acc, err := account.Open(ctx, st.DB(), account.SQLite)
	if err != nil {
		return err
	}
	if _, err := acc.Add(ctx, delegate, csto.RoleDelegate, "KAZ", password); err != nil {
		return err
	}
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(web.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today }))
	defer srv.Close()

	exe := os.Getenv("CSTO_CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(filepath.Join(tmp, "profile")))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	signedIn := false
	for _, s := range shots {
		if only != "" && !slices.Contains(strings.Split(only, ","), s.name) {
			continue
		}
		if s.signedIn && !signedIn {
			err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/signin?lang=en"), chromedp.WaitVisible(chromedp.CSS("#name")),
				chromedp.SendKeys(chromedp.CSS("#name"), delegate), chromedp.SendKeys(chromedp.CSS("#password"), password),
				chromedp.Click(chromedp.CSS(`form.signin button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".account .who")))
			if err != nil {
				return fmt.Errorf("signing in: %w", err)
			}
			signedIn = true
		}
		for _, lang := range []string{"ar", "en"} {
			url := srv.URL + s.path
			if !strings.Contains(s.path, "?") {
				url += "?lang=" + lang
			} else {
				url += "&lang=" + lang
			}
			err := chromedp.Do(bctx, chromedp.EmulateViewport(width, s.height), chromedp.Navigate(url),
				chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond))
			if err != nil {
				return err
			}
			png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
			if err != nil {
				return err
			}
			name := filepath.Join(out, s.name+"-"+lang+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				return err
			}
			log.Printf("%s (%d bytes)", name, len(png))
		}
	}
	return nil
}
