package moderate

import "testing"

func TestSaleIdiomZhIsAPriceNotAWayToDie(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a supermarket's clearance at a jump-off price", "楼下水果店跳楼价清仓，西瓜五毛一斤，官方号有公告，不用加微信。", true},
		{"a Traditional clearance sale", "年底跳樓大甩賣，全館三折，只到週日！", true},
		{"the idiom beside a death wish is not only a price", "看到跳楼价三个字我都想死了，这个月真的撑不下去", false},
		{"a jump from a building outside the idiom", "店里跳楼价，可我今晚真的想去天台跳楼", false},
		{"no idiom at all", "今天超市打折，鸡蛋很便宜", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := saleIdiomZh(NewText("body", tt.text)); got != tt.want {
				t.Errorf("saleIdiomZh(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
