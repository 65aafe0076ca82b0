// Package shot renders a terminal screen (tcell simulation cells) to a PNG picture with the Go Mono
// font, so the project's screenshots come from the real UI rather than from drawings.
package shot

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"sync"

	"github.com/gdamore/tcell/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Terminal colours used when a cell asks for the default.
var (
	DefaultFG = color.RGBA{0xd8, 0xd8, 0xd8, 0xff}
	DefaultBG = color.RGBA{0x1c, 0x1c, 0x1c, 0xff}
)

var (
	faceOnce sync.Once
	face     font.Face
	faceErr  error
)

func loadFace() (font.Face, error) {
	faceOnce.Do(func() {
		f, err := opentype.Parse(gomono.TTF)
		if err != nil {
			faceErr = err
			return
		}
		face, faceErr = opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingFull})
	})
	return face, faceErr
}

func rgba(c tcell.Color, def color.RGBA) color.RGBA {
	if c == tcell.ColorDefault || c == tcell.ColorReset {
		return def
	}
	r, g, b := c.RGB()
	if r < 0 {
		return def
	}
	return color.RGBA{uint8(r), uint8(g), uint8(b), 0xff}
}

// Render draws w×h cells to a PNG.
func Render(out io.Writer, cells []tcell.SimCell, w, h int) error {
	fc, err := loadFace()
	if err != nil {
		return err
	}
	m := fc.Metrics()
	adv, _ := fc.GlyphAdvance('M')
	cw := adv.Ceil()
	ch := (m.Ascent + m.Descent).Ceil() + 2
	img := image.NewRGBA(image.Rect(0, 0, w*cw, h*ch))
	draw.Draw(img, img.Bounds(), &image.Uniform{DefaultBG}, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Face: fc}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := cells[y*w+x]
			fg, bg, attr := c.Style.Decompose()
			fgc, bgc := rgba(fg, DefaultFG), rgba(bg, DefaultBG)
			if attr&tcell.AttrReverse != 0 {
				fgc, bgc = bgc, fgc
				if bg == tcell.ColorDefault {
					fgc = DefaultBG
				}
				if fg == tcell.ColorDefault {
					bgc = DefaultFG
				}
			}
			r := image.Rect(x*cw, y*ch, (x+1)*cw, (y+1)*ch)
			draw.Draw(img, r, &image.Uniform{bgc}, image.Point{}, draw.Src)
			if len(c.Runes) == 0 || c.Runes[0] == ' ' {
				continue
			}
			ru := c.Runes[0]
			if drawBox(img, r, ru, fgc) {
				continue
			}
			d.Src = &image.Uniform{fgc}
			d.Dot = fixed.P(x*cw, y*ch+1+m.Ascent.Ceil())
			d.DrawString(string(ru))
			if attr&tcell.AttrBold != 0 {
				d.Dot = fixed.P(x*cw+1, y*ch+1+m.Ascent.Ceil())
				d.DrawString(string(ru))
			}
		}
	}
	return png.Encode(out, img)
}

// drawBox draws box-drawing lines as strokes so that borders join up between cells.
func drawBox(img *image.RGBA, r image.Rectangle, ru rune, c color.RGBA) bool {
	midX, midY := (r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2
	var left, right, up, down, double bool
	switch ru {
	case '═':
		left, right, double = true, true, true
	case '║':
		up, down, double = true, true, true
	case '╔':
		right, down, double = true, true, true
	case '╗':
		left, down, double = true, true, true
	case '╚':
		right, up, double = true, true, true
	case '╝':
		left, up, double = true, true, true
	case '─':
		left, right = true, true
	case '│':
		up, down = true, true
	case '┌':
		right, down = true, true
	case '┐':
		left, down = true, true
	case '└':
		right, up = true, true
	case '┘':
		left, up = true, true
	case '├':
		up, down, right = true, true, true
	case '┤':
		up, down, left = true, true, true
	case '┬':
		left, right, down = true, true, true
	case '┴':
		left, right, up = true, true, true
	case '┼':
		left, right, up, down = true, true, true, true
	default:
		return false
	}
	u := &image.Uniform{c}
	if double {
		// two strokes, two pixels apart
		for _, d := range []int{-1, 1} {
			stroke(img, r, midX+d, midY+d, left, right, up, down, u)
		}
		return true
	}
	stroke(img, r, midX, midY, left, right, up, down, u)
	return true
}

func stroke(img *image.RGBA, r image.Rectangle, midX, midY int, left, right, up, down bool, u *image.Uniform) {
	if left {
		draw.Draw(img, image.Rect(r.Min.X, midY, midX+1, midY+1), u, image.Point{}, draw.Src)
	}
	if right {
		draw.Draw(img, image.Rect(midX, midY, r.Max.X, midY+1), u, image.Point{}, draw.Src)
	}
	if up {
		draw.Draw(img, image.Rect(midX, r.Min.Y, midX+1, midY+1), u, image.Point{}, draw.Src)
	}
	if down {
		draw.Draw(img, image.Rect(midX, midY, midX+1, r.Max.Y), u, image.Point{}, draw.Src)
	}
}
