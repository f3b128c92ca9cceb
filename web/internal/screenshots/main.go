// Command screenshots renders csto's main web pages in Arabic and English
// in a headless Chromium and saves them as PNG files, for the docs:
//
//	go run ./web/internal/screenshots -out docs/screenshots
//
// It serves the default history from a temporary SQLite file, as the web
// tests do, with "today" fixed so the pictures only change when the
// pages do. Chromium: $CSTO_CHROMIUM, else /usr/bin/chromium (install it
// with .ci/chromium.sh).
package main

import (
	"context"
	"flag"
	"io"
	"log"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/web"
)

// shots are the pages, each with the height of the window it is shot in.
var shots = []struct {
	name, path string
	height     int64
}{
	{"overview", "/", 1400},
	{"members", "/members?at=2013-06", 2000},
	{"timeline", "/timeline?from=2022&to=2022", 1200},
	{"treaty", "/instruments/cst", 1200},
	{"institutions", "/institutions", 1400},
	{"operation-kazakhstan-2022", "/operations/op-kaz-2022", 1250},
	{"state-uzbekistan", "/states/UZB", 1100},
}

func main() {
	out := flag.String("out", "docs/screenshots", "directory for the PNG files")
	width := flag.Int64("width", 1280, "window width")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("screenshots: ")
	if err := run(*out, *width); err != nil {
		log.Fatal(err)
	}
}

func run(out string, width int64) error {
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
	today := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(web.New(reg, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today }))
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
	for _, s := range shots {
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
