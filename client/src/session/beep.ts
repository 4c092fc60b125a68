/**
 * A short, soft two-note chime made with WebAudio (no sound file to download; workshops may be
 * offline). Silently does nothing where audio is unavailable or not yet allowed by the browser.
 */
export function playChime(): void {
  const AudioContextClass =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
  if (!AudioContextClass) return
  try {
    const context = new AudioContextClass()
    const start = context.currentTime
    for (const [offset, frequency] of [
      [0, 660],
      [0.22, 880],
    ] as const) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = 'sine'
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, start + offset)
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.03)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.45)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(start + offset)
      oscillator.stop(start + offset + 0.5)
    }
    setTimeout(() => void context.close().catch(() => {}), 1200)
  } catch {
    // Autoplay policy or no audio device: the visual cue still shows.
  }
}
