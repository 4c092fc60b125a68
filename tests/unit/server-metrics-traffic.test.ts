import { describe, expect, it } from 'vitest'
import { ServerMetrics } from '../../server/metrics/serverMetrics'

function valueOf(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return Number(line?.split(' ')[1])
}

describe('ServerMetrics traffic tally', () => {
  it('hands the frames counted between scrapes to the counters, cumulatively', async () => {
    const metrics = new ServerMetrics()
    metrics.countSent(100)
    metrics.countSent(20)
    metrics.countReceived(7)
    const first = await metrics.render()
    expect(valueOf(first, 'civic_canvas_messages_sent_total')).toBe(2)
    expect(valueOf(first, 'civic_canvas_bytes_sent_total')).toBe(120)
    expect(valueOf(first, 'civic_canvas_messages_received_total')).toBe(1)
    expect(valueOf(first, 'civic_canvas_bytes_received_total')).toBe(7)

    metrics.countSent(5)
    const second = await metrics.render()
    expect(valueOf(second, 'civic_canvas_messages_sent_total')).toBe(3)
    expect(valueOf(second, 'civic_canvas_bytes_sent_total')).toBe(125)
    // A scrape with nothing new reports the same totals.
    expect(valueOf(await metrics.render(), 'civic_canvas_bytes_sent_total')).toBe(125)
  })
})
