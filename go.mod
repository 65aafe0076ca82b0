module github.com/tshark-tui/tshark-tui

go 1.26.8
