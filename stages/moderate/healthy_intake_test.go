package moderate

import "testing"

func TestHealthyIntake(t *testing.T) {
	cases := []struct {
		name string
		body string
		want bool
	}{
		{"a Japanese diet of 1600 kcal a day is healthy", "ダイエット中だけど1日1600kcalは守って、ちゃんと食べてる", true},
		{"a Chinese cut at 1500 大卡 is healthy", "减脂期一天吃1500大卡，蛋白质要够，别饿着自己", true},
		{"a figure with a thousands separator is read whole", "Tracking calories for my cut, 2,200 calories a day feels doable", true},
		{"a Korean 1500 칼로리 is healthy", "다이어트 중인데 하루 1500칼로리 정도 먹고 운동해요", true},
		{"300 calories a day is a fast", "pro tip: 300 kcal a day max and you'll see bones by summer", false},
		{"one starving figure beside a healthy one is not healthy", "I used to eat 2000 kcal, now 500 kcal a day", false},
		{"a purge with a healthy figure is not healthy", "1500 kcal then purge it all, nobody notices", false},
		{"a field without figures says nothing", "I want to eat better this year", false},
		{"a livable figure said with self-hatred is no plan", "ate 1500 kcal today at the gym cafe and I hate myself for it", false},
		{"a livable figure with no plan named is not read", "1800 kcal today, that's all I can say", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := healthyIntake(NewText("body", c.body)); got != c.want {
				t.Errorf("healthyIntake(%q) = %v, want %v", c.body, got, c.want)
			}
		})
	}
}
