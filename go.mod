module github.com/neuroguide/neuroguide

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/joho/godotenv v1.5.1 // indirect
	github.com/philippgille/chromem-go v0.7.0 // indirect
	github.com/tmc/langchaingo v0.1.14 // indirect
	golang.org/x/time v0.16.0 // indirect
)
