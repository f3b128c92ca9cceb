package web

import (
	_ "embed"
	"encoding/json"
	"math"
)

// The map of the region: country shapes from Natural Earth (public
// domain), made once by internal/mapgen and kept as assets/map.json (see
// assets/NOTE for the origin and the one change made to it).

//go:generate go run ./internal/mapgen -out assets/map.json

//go:embed assets/map.json
var mapJSON []byte

type mapData struct {
	Source    string       `json:"source"`
	Width     int          `json:"width"`
	Height    int          `json:"height"`
	Frame     string       `json:"frame"`
	Countries []mapCountry `json:"countries"`
	Other     string       `json:"other"`
	byCode    map[string]*mapCountry
}

type mapCountry struct {
	Code  string  `json:"code"`
	D     string  `json:"d"`
	Label [2]int  `json:"label"`
	Area  float64 `json:"area"`
}

var regionMap = func() *mapData {
	var m mapData
	if err := json.Unmarshal(mapJSON, &m); err != nil {
		panic("web: assets/map.json: " + err.Error())
	}
	m.byCode = map[string]*mapCountry{}
	for i := range m.Countries {
		m.byCode[m.Countries[i].Code] = &m.Countries[i]
	}
	return &m
}()

// labelNudge moves the labels of the Caucasus states, whose shapes are
// too small to hold them, off to the side with a leader line; units are
// the map's (2000 wide).
var labelNudge = map[string][2]int{
	"GEO": {-60, -52},
	"ARM": {-95, 30},
	"AZE": {70, 40},
	"MDA": {-40, -10},
	"KGZ": {70, -28},
	"TJK": {-20, 22},
}

// mapView is the map as one page draws it.
type mapView struct {
	W, H      int
	Frame     string
	Other     string
	Countries []mapShape
}

type mapShape struct {
	Code, D, Name string
	Status        string // a csto.Status, or "" for no status on the date
	Certain       bool
	Known         bool // a state csto knows: linked, labelled when it has a status
	Title         string
	LX, LY        int // label position
	AX, AY        int // leader line anchor (the shape's centre) when nudged
	Nudged        bool
	FontSize      float64 // label size in map units
}

// mapShapes draws the region with each country's status: status(code)
// gives the status and whether it is certain, or "" for none.
func (p *page) mapShapes(labelled map[string]bool, status func(code string) (string, bool)) mapView {
	v := mapView{W: regionMap.Width, H: regionMap.Height, Frame: regionMap.Frame, Other: regionMap.Other}
	for _, c := range regionMap.Countries {
		s := mapShape{Code: c.Code, D: c.D, LX: c.Label[0], LY: c.Label[1]}
		if p.m.States[c.Code] != nil {
			s.Known = true
			s.Name = p.StateName(c.Code)
			s.Status, s.Certain = status(c.Code)
			s.Title = s.Name
			if s.Status != "" {
				s.Title += ": " + p.Label("status.", s.Status)
			}
		}
		if labelled[c.Code] {
			s.FontSize = math.Round(math.Min(34, math.Max(24, math.Sqrt(c.Area)/12)))
			if n, ok := labelNudge[c.Code]; ok {
				s.Nudged, s.AX, s.AY = true, s.LX, s.LY
				s.LX, s.LY = s.LX+n[0], s.LY+n[1]
			}
		}
		v.Countries = append(v.Countries, s)
	}
	return v
}
