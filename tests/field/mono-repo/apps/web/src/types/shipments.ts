export type ShipmentStatus = 'booked' | 'in_transit' | 'delayed' | 'delivered' | 'cancelled';
