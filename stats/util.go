package stats

import "sort"

// sortStable sorts idx by less, keeping equal elements in their order.
func sortStable(idx []int, less func(a, b int) bool) {
	sort.SliceStable(idx, func(i, j int) bool { return less(idx[i], idx[j]) })
}
