package objects

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func smb1Fields() []field.ID { return nil }

func (s *smbObjects) smb1Node(n *field.Node, t *field.Tree) {}

func (s *smbObjects) smb1Frame(c *dissect.Ctx) {}
