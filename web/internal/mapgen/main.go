// Command mapgen converts Natural Earth's country shapes, as the npm
// package world-atlas ships them (TopoJSON, public domain), into the
// compact map of the region csto's pages draw: every country that
// reaches into Europe, the Caucasus and Central Asia, clipped to the
// region, projected (Albers equal-area conic), simplified, and written as
// SVG path data keyed by ISO 3166-1 alpha-3 code.
//
// It runs once, by `go generate ./web` (see web/map.go); its output,
// web/assets/map.json, is committed and the TopoJSON is not. Without -in
// it fetches the pinned world-atlas version with `npm pack`.
//
//	go run ./web/internal/mapgen -out web/assets/map.json
//	go run ./web/internal/mapgen -in countries-50m.json -out map.json
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The source, pinned: the web pages' NOTE names it.
const (
	atlasPackage = "world-atlas@2.0.2"
	atlasFile    = "package/countries-50m.json"
)

// The region: a longitude/latitude box, projected with an Albers
// equal-area conic centred on it, and drawn width units wide.
const (
	lonMin, lonMax = 15.0, 130.0
	latMin, latMax = 28.0, 78.0
	lon0, lat0     = 72.0, 50.0
	par1, par2     = 40.0, 65.0
	width          = 2000.0
	tolerance      = 0.6 // Douglas–Peucker, in output units
	minArea        = 8.0 // rings smaller than this (units²) are dropped
)

// alpha3 maps ISO 3166-1 numeric codes to alpha-3 for every country that
// reaches into the region. A country in the region without an entry here
// stops the generator, so the table stays complete. Kosovo has no ISO
// code; it gets the user-assigned XKX that most registries use.
var alpha3 = map[string]string{
	"004": "AFG", "008": "ALB", "031": "AZE", "040": "AUT", "048": "BHR", "050": "BGD", "051": "ARM",
	"064": "BTN", "070": "BIH", "100": "BGR", "104": "MMR", "112": "BLR", "156": "CHN", "158": "TWN",
	"191": "HRV", "196": "CYP", "203": "CZE", "208": "DNK", "233": "EST", "246": "FIN", "248": "ALA",
	"268": "GEO", "275": "PSE", "276": "DEU", "300": "GRC", "348": "HUN", "356": "IND", "364": "IRN",
	"368": "IRQ", "376": "ISR", "380": "ITA", "392": "JPN", "398": "KAZ", "400": "JOR", "408": "PRK",
	"410": "KOR", "414": "KWT", "417": "KGZ", "418": "LAO", "422": "LBN", "428": "LVA", "434": "LBY",
	"440": "LTU", "470": "MLT", "496": "MNG", "498": "MDA", "499": "MNE", "512": "OMN", "524": "NPL",
	"578": "NOR", "586": "PAK", "616": "POL", "634": "QAT", "642": "ROU", "643": "RUS", "682": "SAU",
	"688": "SRB", "703": "SVK", "704": "VNM", "705": "SVN", "752": "SWE", "760": "SYR", "762": "TJK",
	"784": "ARE", "792": "TUR", "795": "TKM", "804": "UKR", "807": "MKD", "818": "EGY", "840": "USA",
	"860": "UZB",
}

// byName covers the shapes Natural Earth gives no numeric code.
var byName = map[string]string{"Kosovo": "XKX"}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// Map is the generated file: what web/map.go reads.
type Map struct {
	Source    string    `json:"source"`
	Width     int       `json:"width"`
	Height    int       `json:"height"`
	Frame     string    `json:"frame"` // the region's outline: the sea
	Countries []Country `json:"countries"`
	Other     string    `json:"other,omitempty"` // shapes with no code, drawn as background
}

// Country is one country's shape and where its label goes.
type Country struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"` // Natural Earth's English name, for readers of this file
	D     string  `json:"d"`
	Label [2]int  `json:"label"`
	Area  float64 `json:"area"` // in units², to size labels
}

type pt struct{ x, y float64 }

func main() {
	in := flag.String("in", "", "countries TopoJSON (default: fetch "+atlasPackage+" with npm pack)")
	out := flag.String("out", "assets/map.json", "output file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("mapgen: ")

	raw, source, err := read(*in)
	if err != nil {
		log.Fatal(err)
	}
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		log.Fatal(err)
	}
	m, err := build(&topo)
	if err != nil {
		log.Fatal(err)
	}
	m.Source = source
	b, err := marshal(m)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d countries, %d bytes", *out, len(m.Countries), len(b))
}

// read returns the TopoJSON from the file in, or fetched with npm pack.
func read(in string) ([]byte, string, error) {
	if in != "" {
		b, err := os.ReadFile(in)
		return b, "Natural Earth (public domain) via " + filepath.Base(in), err
	}
	dir, err := os.MkdirTemp("", "mapgen")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", atlasPackage, "--pack-destination", dir)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return nil, "", fmt.Errorf("npm pack %s: %w", atlasPackage, err)
	}
	f, err := os.Open(filepath.Join(dir, strings.TrimSpace(lastLine(string(outb)))))
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, "", err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err != nil {
			return nil, "", fmt.Errorf("%s: %s not found: %w", atlasPackage, atlasFile, err)
		}
		if h.Name == atlasFile {
			b, err := io.ReadAll(tr)
			return b, "Natural Earth 1:50m Admin 0 countries (public domain), version 4.1.0, via the npm package " + atlasPackage + " (" + filepath.Base(atlasFile) + ")", err
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func build(topo *topology) (*Map, error) {
	// Decode the quantized, delta-encoded arcs into longitude/latitude.
	arcs := make([][]pt, len(topo.Arcs))
	for i, a := range topo.Arcs {
		var x, y float64
		ps := make([]pt, len(a))
		for j, d := range a {
			x, y = x+d[0], y+d[1]
			ps[j] = pt{x*topo.Transform.Scale[0] + topo.Transform.Translate[0], y*topo.Transform.Scale[1] + topo.Transform.Translate[1]}
		}
		arcs[i] = ps
	}
	ring := func(ids []int) []pt {
		var r []pt
		for _, id := range ids {
			var a []pt
			if id >= 0 {
				a = arcs[id]
			} else {
				a = slices.Clone(arcs[^id])
				slices.Reverse(a)
			}
			if len(r) > 0 {
				a = a[1:] // arcs share their end points
			}
			r = append(r, a...)
		}
		return r
	}

	pr := newAlbers()
	frame := densify([]pt{{lonMin, latMin}, {lonMax, latMin}, {lonMax, latMax}, {lonMin, latMax}})
	var fr []pt
	for _, p := range frame {
		fr = append(fr, pr.project(p))
	}
	// Fit the frame to the output width.
	minX, minY, maxX, maxY := bounds(fr)
	scale := width / (maxX - minX)
	fit := func(p pt) pt { return pt{(p.x - minX) * scale, (p.y - minY) * scale} }
	m := &Map{Width: int(width), Height: int(math.Ceil((maxY - minY) * scale))}
	for i := range fr {
		fr[i] = fit(fr[i])
	}
	m.Frame = pathData([][]pt{fr})

	var other [][]pt
	rings := map[string][][]pt{}
	names := map[string]string{}
	for _, g := range topo.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, err
			}
		default:
			continue
		}
		code := alpha3[g.ID]
		if code == "" {
			code = byName[g.Properties.Name]
		}
		for _, poly := range polys {
			owner := code
			if code == "RUS" && isCrimea(ring(poly[0])) {
				owner = "UKR"
			}
			for _, ids := range poly {
				r := clip(unwrap(ring(ids)))
				if len(r) < 3 {
					continue
				}
				r = densify(r)
				for i := range r {
					r[i] = fit(pr.project(r[i]))
				}
				r = simplify(r, tolerance)
				if len(r) < 3 || math.Abs(area(r)) < minArea {
					continue
				}
				switch {
				case owner != "":
					rings[owner] = append(rings[owner], r)
					if owner == code {
						names[code] = g.Properties.Name
					}
				case g.ID != "":
					return nil, fmt.Errorf("%s (ISO %s) reaches into the region but has no alpha-3 code in the table", g.Properties.Name, g.ID)
				default:
					other = append(other, r)
				}
			}
		}
	}
	for code, rs := range rings {
		c := Country{Code: code, Name: names[code], D: pathData(rs)}
		// The label goes at the centroid of the largest ring.
		big := slices.MaxFunc(rs, func(a, b []pt) int { return cmpF(math.Abs(area(a)), math.Abs(area(b))) })
		cx, cy := centroid(big)
		c.Label = [2]int{int(math.Round(cx)), int(math.Round(cy))}
		for _, r := range rs {
			c.Area += math.Abs(area(r))
		}
		c.Area = math.Round(c.Area)
		m.Countries = append(m.Countries, c)
	}
	slices.SortFunc(m.Countries, func(a, b Country) int { return strings.Compare(a.Code, b.Code) })
	if len(other) > 0 {
		m.Other = pathData(other)
	}
	return m, nil
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// albers is the spherical Albers equal-area conic projection.
type albers struct{ n, c, rho0, l0 float64 }

func rad(d float64) float64 { return d * math.Pi / 180 }

func newAlbers() albers {
	s1, s2 := math.Sin(rad(par1)), math.Sin(rad(par2))
	n := (s1 + s2) / 2
	c := math.Cos(rad(par1))*math.Cos(rad(par1)) + 2*n*s1
	return albers{n: n, c: c, rho0: math.Sqrt(c-2*n*math.Sin(rad(lat0))) / n, l0: rad(lon0)}
}

// project returns SVG coordinates (y down), unscaled.
func (a albers) project(p pt) pt {
	rho := math.Sqrt(a.c-2*a.n*math.Sin(rad(p.y))) / a.n
	th := a.n * (rad(p.x) - a.l0)
	return pt{rho * math.Sin(th), -(a.rho0 - rho*math.Cos(th))}
}

// isCrimea reports whether a polygon's outer ring is the Crimean
// peninsula. Natural Earth's 4.1.0 countries layer draws it as a part of
// Russia (its de facto line since 2014); csto draws it with Ukraine, as UN
// General Assembly resolution 68/262 (27 March 2014) holds, and says so
// in the map's NOTE.
func isCrimea(r []pt) bool {
	minX, minY, maxX, maxY := bounds(r)
	return minX > 32 && maxX < 37 && minY > 44 && maxY < 46.5
}

// unwrap moves the part of a ring east of the antimeridian (Chukotka's
// negative longitudes) to longitudes above 180, so the ring has no edge
// across the whole map; the clip then cuts it away.
func unwrap(r []pt) []pt {
	east, west := false, false
	for _, p := range r {
		east = east || p.x > 90
		west = west || p.x < -90
	}
	if east && west {
		for i := range r {
			if r[i].x < 0 {
				r[i].x += 360
			}
		}
	}
	return r
}

// clip cuts a ring to the region's box (Sutherland–Hodgman, in degrees).
func clip(r []pt) []pt {
	type edge struct {
		inside func(pt) bool
		cross  func(a, b pt) pt
	}
	atX := func(x float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{x, a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)} }
	}
	atY := func(y float64) func(a, b pt) pt {
		return func(a, b pt) pt { return pt{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y} }
	}
	for _, e := range []edge{
		{func(p pt) bool { return p.x >= lonMin }, atX(lonMin)},
		{func(p pt) bool { return p.x <= lonMax }, atX(lonMax)},
		{func(p pt) bool { return p.y >= latMin }, atY(latMin)},
		{func(p pt) bool { return p.y <= latMax }, atY(latMax)},
	} {
		if len(r) == 0 {
			return nil
		}
		var out []pt
		prev := r[len(r)-1]
		for _, cur := range r {
			switch {
			case e.inside(cur) && e.inside(prev):
				out = append(out, cur)
			case e.inside(cur):
				out = append(out, e.cross(prev, cur), cur)
			case e.inside(prev):
				out = append(out, e.cross(prev, cur))
			}
			prev = cur
		}
		r = out
	}
	return r
}

// densify adds points along long edges (the box's sides follow parallels
// and meridians, which the projection curves).
func densify(r []pt) []pt {
	var out []pt
	for i, a := range r {
		b := r[(i+1)%len(r)]
		out = append(out, a)
		d := math.Max(math.Abs(b.x-a.x), math.Abs(b.y-a.y))
		for k := 1; float64(k) < d; k++ {
			t := float64(k) / math.Ceil(d)
			out = append(out, pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t})
		}
	}
	return out
}

// simplify is Douglas–Peucker on a closed ring.
func simplify(r []pt, tol float64) []pt {
	if len(r) < 4 {
		return r
	}
	keep := make([]bool, len(r))
	keep[0], keep[len(r)-1] = true, true
	// Split the ring at its farthest point from the first, so both halves
	// are open polylines.
	far, fd := 0, -1.0
	for i, p := range r {
		if d := math.Hypot(p.x-r[0].x, p.y-r[0].y); d > fd {
			far, fd = i, d
		}
	}
	keep[far] = true
	var dp func(i, j int)
	dp = func(i, j int) {
		if j <= i+1 {
			return
		}
		a, b := r[i], r[j]
		best, bd := -1, tol
		for k := i + 1; k < j; k++ {
			if d := segDist(r[k], a, b); d > bd {
				best, bd = k, d
			}
		}
		if best >= 0 {
			keep[best] = true
			dp(i, best)
			dp(best, j)
		}
	}
	dp(0, far)
	dp(far, len(r)-1)
	var out []pt
	for i, p := range r {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l := dx*dx + dy*dy
	if l == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
	return math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy))
}

func area(r []pt) float64 {
	var s float64
	for i, a := range r {
		b := r[(i+1)%len(r)]
		s += a.x*b.y - b.x*a.y
	}
	return s / 2
}

func centroid(r []pt) (float64, float64) {
	var cx, cy float64
	a := area(r)
	for i, p := range r {
		q := r[(i+1)%len(r)]
		f := p.x*q.y - q.x*p.y
		cx += (p.x + q.x) * f
		cy += (p.y + q.y) * f
	}
	return cx / (6 * a), cy / (6 * a)
}

func bounds(r []pt) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range r {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	return
}

// pathData writes rings as SVG path data on the integer grid: an absolute
// move, then relative lines, closed with z; points that round onto the
// previous one are skipped.
func pathData(rings [][]pt) string {
	var b strings.Builder
	for _, r := range rings {
		px, py := int(math.Round(r[0].x)), int(math.Round(r[0].y))
		b.WriteString("M" + strconv.Itoa(px) + " " + strconv.Itoa(py))
		first := true
		for _, p := range r[1:] {
			x, y := int(math.Round(p.x)), int(math.Round(p.y))
			if x == px && y == py {
				continue
			}
			if first {
				b.WriteByte('l')
				first = false
			} else if x-px >= 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(x - px))
			if y-py >= 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(y - py))
			px, py = x, y
		}
		b.WriteByte('z')
	}
	return b.String()
}

// marshal writes the map with one country a line, for readable diffs.
func marshal(m *Map) ([]byte, error) {
	var b strings.Builder
	head, err := json.Marshal(struct {
		Source string `json:"source"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
		Frame  string `json:"frame"`
	}{m.Source, m.Width, m.Height, m.Frame})
	if err != nil {
		return nil, err
	}
	b.Write(head[:len(head)-1])
	b.WriteString(",\n\"countries\":[\n")
	for i, c := range m.Countries {
		cb, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		b.Write(cb)
		if i+1 < len(m.Countries) {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("],\n")
	ob, err := json.Marshal(m.Other)
	if err != nil {
		return nil, err
	}
	b.WriteString("\"other\":" + string(ob) + "}\n")
	return []byte(b.String()), nil
}
