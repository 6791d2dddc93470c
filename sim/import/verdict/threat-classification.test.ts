import { describe, expect, it } from 'vitest';
import { classificationFor, indicatorCategoryFor, severityFor } from './threat-classification.ts';

describe('threat classification', () => {
  it('names the threat after its most telling tactic', () => {
    expect(classificationFor(['TA0002', 'TA0006'])).toBe('Infostealer');
    expect(classificationFor(['TA0008'])).toBe('Hacktool');
    expect(classificationFor(['TA0040', 'TA0006'])).toBe('Ransomware');
    expect(classificationFor(['TA0005'])).toBe('Malware');
    expect(classificationFor([])).toBe('Malware');
  });

  it('rates severity from the tactics', () => {
    expect(severityFor(['TA0006', 'TA0008'])).toBe('critical');
    expect(severityFor(['TA0002', 'TA0010'])).toBe('critical');
    expect(severityFor(['TA0006'])).toBe('high');
    expect(severityFor(['TA0005', 'TA0003'])).toBe('medium');
    expect(severityFor(['TA0007'])).toBe('low');
    expect(severityFor([])).toBe('medium');
  });

  it('maps tactics to indicator categories', () => {
    expect(indicatorCategoryFor('TA0006')).toBe('Infostealer');
    expect(indicatorCategoryFor('TA0005')).toBe('Evasion');
    expect(indicatorCategoryFor(undefined)).toBe('General');
  });
});
